// One secret in an existing vault. Written through Azure Resource Manager, so the deploying
// principal needs no data-plane role on the vault.

@description('Name of the existing vault.')
param keyVaultName string

@description('Name of the secret.')
param name string

@description('Value of the secret.')
@secure()
param value string

@description('MIME type hint shown in the portal.')
param contentType string = 'text/plain'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: name
  properties: {
    value: value
    contentType: contentType
    attributes: {
      enabled: true
    }
  }
}

output name string = secret.name
@description('Versionless URI: Key Vault references built from it follow the latest version, so a rotated secret reaches the app without a redeploy.')
output uri string = secret.properties.secretUri
