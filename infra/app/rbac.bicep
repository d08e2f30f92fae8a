// Every role assignment in one place: what the app's identity may do, and (optionally) what the
// person running `azd up` may do for debugging. Scoped to the single resource each role is for.

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Principal id of the deploying user (AZURE_PRINCIPAL_ID); empty for none.')
param userPrincipalId string = ''

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// The app's identity on the storage account:
// - Blob Data Owner: the Functions host keeps leases and timer state in blobs, and Flex
//   Consumption reads the deployment package; the host docs ask for Owner, not Contributor.
// - Queue Data Contributor: the app creates its send and poison queues at start, enqueues the
//   fan-out and its queue triggers read and delete. Contributor covers what Message Sender and
//   Message Processor would, plus creating queues, so those two are not assigned separately.
// - Table Data Contributor: all of the app's state, including creating its tables at start.
var appStorageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

// The deploying user, to run the app locally against these resources and rotate secrets.
var userStorageRoles = [
  roles.storageBlobDataContributor
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

// Assignment names hash the identity's resource id (known before deployment) rather than its
// principal id (known only once it exists). Recreating the identity under the same name therefore
// needs its old assignments deleted first; in exchange what-if can predict every assignment.
var appPrincipalId = appIdentity.properties.principalId

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appStorageRoles: {
    name: guid(storage.id, appIdentity.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// Read secrets through Key Vault references; no listing, no writing.
resource appSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Send telemetry with an Entra ID token (local auth is off on the component).
resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// principalType is left out for the user: AZURE_PRINCIPAL_ID is a user locally but a service
// principal in a pipeline, and Azure works it out either way.
resource userStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in userStorageRoles: if (!empty(userPrincipalId)) {
    name: guid(storage.id, userPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: userPrincipalId
    }
  }
]

resource userSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(vault.id, userPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: userPrincipalId
  }
}
