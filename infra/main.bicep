// Encourage on Azure: one resource group holding a Flex Consumption function app (.NET 10
// isolated), its storage (identity only), Key Vault for provider secrets, and monitoring.
// `azd up` fills the parameters from main.parameters.json; see infra/README.md.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; seeds resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region for every resource. Flex Consumption is not in every region: `az functionapp list-flexconsumption-locations`.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person or pipeline running azd (AZURE_PRINCIPAL_ID). Gets data access only when grantDeployerDataAccess is true.')
param principalId string = ''

@description('Give the deployer (principalId) data-plane roles on storage and Key Vault, for debugging. Off by default: subscribers\' data and the app\'s secrets are readable by the app alone.')
param grantDeployerDataAccess bool = false

@description('Resource group name; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@description('Twilio account SID (ACxxxxxxxx).')
@minLength(1)
param twilioAccountSid string

@description('Twilio auth token; stored in Key Vault.')
@secure()
@minLength(1)
param twilioAuthToken string

@description('Twilio sender number in E.164 (+15551234567). Set this or twilioMessagingServiceSid.')
param twilioFromNumber string = ''

@description('Twilio Messaging Service SID (MGxxxxxxxx). Set this or twilioFromNumber.')
param twilioMessagingServiceSid string = ''

@description('SendGrid API key with Mail Send permission; stored in Key Vault.')
@secure()
@minLength(1)
param sendGridApiKey string

@description('SendGrid verified sender address.')
@minLength(3)
param sendGridFromEmail string

@description('Support contact named in the HELP text (an email address of at most 40 characters; carriers require one).')
@minLength(3)
@maxLength(40)
param supportEmail string

@description('SendGrid Event Webhook verification key (public). Empty until the signed webhook is turned on in SendGrid.')
param sendGridEventWebhookPublicKey string = ''

@description('Domain replies to our emails go to (its MX points at mx.sendgrid.net, and SendGrid Inbound Parse posts to /api/sendgrid/inbound). Empty: replies by email are off.')
param replyDomain string = ''

@description('Password in the Inbound Parse URL (https://sendgrid:<secret>@<app>/api/sendgrid/inbound); at least 24 URL-safe characters. Required when replyDomain is set; stored in Key Vault.')
@secure()
param sendGridInboundParseSecret string = ''

@description('Secret for unsubscribe/confirmation tokens and keyed contact hashes; at least 32 characters. Changing it voids every link already sent.')
@secure()
@minLength(32)
param tokenSecret string

@description('The token secret before a rotation: links made with it (and contact hashes keyed with it) still read. Empty: none. Stored in Key Vault.')
@secure()
param previousTokenSecret string = ''

@description('Keys subscriber ids and the suppression list, so tokenSecret can be rotated without moving anyone. Empty: tokenSecret keys them (set it to the current tokenSecret before the first rotation). Stored in Key Vault.')
@secure()
param contactKeySecret string = ''

@description('Public https base URL if a custom domain fronts the app (no trailing slash); empty for https://<default host name>. Twilio signatures are checked against it.')
param publicBaseUrl string = ''

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Accept Application Insights telemetry only with an Entra ID token. The host sends that way by itself; the .NET worker sends that way only when its TelemetryConfiguration is given a ManagedIdentityCredential, so turn this off if worker logs are missing.')
param appInsightsEntraOnly bool = true

@description('Key Vault purge protection (on by default: a deleted vault and its secrets cannot be purged before retention ends; irreversible, and blocks `azd down --purge`).')
param keyVaultPurgeProtection bool = true

@description('Days Application Insights and its Log Analytics workspace keep logs and telemetry (privacy: keep less, for less time).')
@allowed([ 30, 60, 90, 120, 180, 270, 365, 550, 730 ])
param telemetryRetentionDays int = 30

@description('Days the text of a reply is kept before only its kind, time and day remain (Encourage__KeepReplyTextDays).')
@minValue(1)
param keepReplyTextDays int = 90

@description('Days delivery rows are kept (Encourage__KeepDeliveryDays); the app refuses to start below the programme plus 30 days.')
@minValue(1)
param keepDeliveryDays int = 400

@description('Days an unsubscribed or graduated subscriber is kept before erasure (Encourage__KeepEndedDays).')
@minValue(1)
param keepEndedDays int = 365

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
// Names are computed here, not read from module outputs, so every resource id is known before
// the deployment starts (what-if can then predict it); dependsOn carries the ordering instead.
var names = {
  functionApp: 'func-encourage-${resourceToken}'
  identity: 'id-encourage-${resourceToken}'
  storage: 'st${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  deploymentContainer: 'app-package'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: names.deploymentContainer
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    disableLocalAuth: appInsightsEntraOnly
    retentionInDays: telemetryRetentionDays
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module secretTwilioAuthToken 'core/security/key-vault-secret.bicep' = {
  name: 'secret-twilio-auth-token'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'twilio-auth-token'
    value: twilioAuthToken
  }
  dependsOn: [
    keyVault
  ]
}

module secretSendGridApiKey 'core/security/key-vault-secret.bicep' = {
  name: 'secret-sendgrid-api-key'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'sendgrid-api-key'
    value: sendGridApiKey
  }
  dependsOn: [
    keyVault
  ]
}

module secretInboundParse 'core/security/key-vault-secret.bicep' = if (!empty(sendGridInboundParseSecret)) {
  name: 'secret-sendgrid-inbound-parse'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'sendgrid-inbound-parse-secret'
    value: sendGridInboundParseSecret
  }
  dependsOn: [
    keyVault
  ]
}

module secretToken 'core/security/key-vault-secret.bicep' = {
  name: 'secret-token-secret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'token-secret'
    value: tokenSecret
  }
  dependsOn: [
    keyVault
  ]
}

module secretPreviousToken 'core/security/key-vault-secret.bicep' = if (!empty(previousTokenSecret)) {
  name: 'secret-previous-token-secret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'previous-token-secret'
    value: previousTokenSecret
  }
  dependsOn: [
    keyVault
  ]
}

module secretContactKey 'core/security/key-vault-secret.bicep' = if (!empty(contactKeySecret)) {
  name: 'secret-contact-key-secret'
  scope: rg
  params: {
    keyVaultName: names.keyVault
    name: 'contact-key-secret'
    value: contactKeySecret
  }
  dependsOn: [
    keyVault
  ]
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: names.plan
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    identityName: names.identity
    userPrincipalId: grantDeployerDataAccess ? principalId : ''
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: names.functionApp
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    planId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    twilioAccountSid: twilioAccountSid
    twilioFromNumber: twilioFromNumber
    twilioMessagingServiceSid: twilioMessagingServiceSid
    sendGridFromEmail: sendGridFromEmail
    supportEmail: supportEmail
    sendGridEventWebhookPublicKey: sendGridEventWebhookPublicKey
    twilioAuthTokenSecretUri: secretTwilioAuthToken.outputs.uri
    sendGridApiKeySecretUri: secretSendGridApiKey.outputs.uri
    tokenSecretUri: secretToken.outputs.uri
    // The versionless URI, built from the name like the module's own output: the secret exists only when it was given.
    inboundParseSecretUri: empty(sendGridInboundParseSecret) ? '' : '${keyVault.outputs.uri}secrets/sendgrid-inbound-parse-secret'
    previousTokenSecretUri: empty(previousTokenSecret) ? '' : '${keyVault.outputs.uri}secrets/previous-token-secret'
    contactKeySecretUri: empty(contactKeySecret) ? '' : '${keyVault.outputs.uri}secrets/contact-key-secret'
    replyDomain: replyDomain
    publicBaseUrl: publicBaseUrl
    keepReplyTextDays: keepReplyTextDays
    keepDeliveryDays: keepDeliveryDays
    keepEndedDays: keepEndedDays
  }
  // The host starts as soon as the app exists; let it find its storage, secrets and telemetry
  // roles already in place instead of failing its first start.
  dependsOn: [
    rbac
    secretInboundParse
    secretPreviousToken
    secretContactKey
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output SERVICE_API_PUBLIC_BASE_URL string = api.outputs.publicBaseUrl
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
// Where to point the providers (see infra/README.md).
output TWILIO_INBOUND_WEBHOOK_URL string = '${api.outputs.publicBaseUrl}/api/twilio/inbound'
output TWILIO_STATUS_CALLBACK_URL string = '${api.outputs.publicBaseUrl}/api/twilio/status'
output SENDGRID_EVENT_WEBHOOK_URL string = '${api.outputs.publicBaseUrl}/api/sendgrid/events'
// Inbound Parse's URL without its credentials: put sendgrid:<secret>@ after https:// when pasting it into SendGrid.
output SENDGRID_INBOUND_PARSE_URL string = '${api.outputs.publicBaseUrl}/api/sendgrid/inbound'
