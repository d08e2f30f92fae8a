// A user-assigned managed identity: the app's one identity for storage, Key Vault and
// Application Insights. User-assigned (not system-assigned) so role assignments can be made
// before the app exists and survive the app being recreated.

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
