// The Encourage function app on Flex Consumption: .NET 10 isolated worker, one user-assigned
// identity for storage, Key Vault references and Application Insights, and the exact app
// settings the app binds (Twilio__*, SendGrid__*, Encourage__*).

@description('Name of the function app.')
param name string

@description('Azure region.')
param location string

@description('Tags for the app; main.bicep adds azd-service-name so `azd deploy` finds it.')
param tags object = {}

@description('Resource id of the Flex Consumption plan.')
param planId string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Blob endpoint of the storage account (ends with a slash).')
param blobEndpoint string

@description('Queue endpoint of the storage account.')
param queueEndpoint string

@description('Table endpoint of the storage account.')
param tableEndpoint string

@description('Container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Twilio account SID (not secret).')
param twilioAccountSid string

@description('Twilio sender number in E.164; empty when a Messaging Service sends.')
param twilioFromNumber string

@description('Twilio Messaging Service SID; empty when a single number sends.')
param twilioMessagingServiceSid string

@description('SendGrid sender address.')
param sendGridFromEmail string

@description('Support contact named in the HELP text.')
param supportEmail string

@description('SendGrid Event Webhook verification key (public, so a plain setting).')
param sendGridEventWebhookPublicKey string

@description('Key Vault URI of the Twilio auth token secret.')
param twilioAuthTokenSecretUri string

@description('Key Vault URI of the SendGrid API key secret.')
param sendGridApiKeySecretUri string

@description('Key Vault URI of the token secret.')
param tokenSecretUri string

@description('Key Vault URI of the Inbound Parse secret; empty when replies by email are off.')
param inboundParseSecretUri string = ''
@description('Key Vault URI of the token secret before a rotation; empty: none.')
param previousTokenSecretUri string = ''
@description('Key Vault URI of the contact key secret; empty: the token secret keys contacts.')
param contactKeySecretUri string = ''

@description('Domain replies to our emails go to; empty: replies by email are off.')
param replyDomain string = ''

@description('Public https base URL when a custom domain fronts the app; empty for the app\'s default host name.')
param publicBaseUrl string = ''

@description('Local time SMS may start.')
param quietHoursStart string = '08:00'

@description('Local time SMS must stop.')
param quietHoursEnd string = '21:00'

@description('Partitions per due-index slot.')
@minValue(1)
@maxValue(64)
param dueIndexBuckets int = 8

@description('Retention: days reply text, delivery rows and ended subscribers are kept.')
param keepReplyTextDays int = 90
param keepDeliveryDays int = 400
param keepEndedDays int = 365

// Twilio signs the exact URL it called, so the app validates against this, not the URL it
// rebuilds from the request; it must be the address the providers are configured with.
var effectivePublicBaseUrl = !empty(publicBaseUrl) ? publicBaseUrl : 'https://${app.properties.defaultHostName}'

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    // Key Vault references resolve with this identity rather than a system-assigned one.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // The whole set: this resource replaces every setting, so the template is the one truth.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage by identity; the app's own table and queue clients read the same keys.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: blobEndpoint
      AzureWebJobsStorage__queueServiceUri: queueEndpoint
      AzureWebJobsStorage__tableServiceUri: tableEndpoint

      // The app has no system-assigned identity, so Azure.Identity credentials
      // (DefaultAzureCredential, ManagedIdentityCredential) need to be told which one to use.
      AZURE_CLIENT_ID: identityClientId

      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      Twilio__AccountSid: twilioAccountSid
      Twilio__AuthToken: '@Microsoft.KeyVault(SecretUri=${twilioAuthTokenSecretUri})'
      Twilio__FromNumber: twilioFromNumber
      Twilio__MessagingServiceSid: twilioMessagingServiceSid

      SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
      SendGrid__FromEmail: sendGridFromEmail
      SendGrid__EventWebhookPublicKey: sendGridEventWebhookPublicKey
      SendGrid__InboundParseSecret: empty(inboundParseSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${inboundParseSecretUri})'

      Encourage__PublicBaseUrl: effectivePublicBaseUrl
      Encourage__TokenSecret: '@Microsoft.KeyVault(SecretUri=${tokenSecretUri})'
      Encourage__PreviousTokenSecret: empty(previousTokenSecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${previousTokenSecretUri})'
      Encourage__ContactKeySecret: empty(contactKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${contactKeySecretUri})'
      Encourage__Mode: 'Production'
      Encourage__SupportEmail: supportEmail
      Encourage__ReplyDomain: replyDomain
      Encourage__QuietHoursStart: quietHoursStart
      Encourage__QuietHoursEnd: quietHoursEnd
      Encourage__DueIndexBuckets: string(dueIndexBuckets)
      Encourage__KeepReplyTextDays: string(keepReplyTextDays)
      Encourage__KeepDeliveryDays: string(keepDeliveryDays)
      Encourage__KeepEndedDays: string(keepEndedDays)
      // The worker is reached through the Functions host on loopback, which passes on the front end's X-Forwarded-For.
      Encourage__TrustedProxies: '127.0.0.1,::1'
    }
  }

  // Deployments go through Entra ID (azd uses a bearer token); no publish passwords.
  resource scmBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource ftpBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output uri string = 'https://${app.properties.defaultHostName}'
output publicBaseUrl string = effectivePublicBaseUrl
