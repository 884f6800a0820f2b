"""The README's "ServerlessSignalR in ten lines" in Python.

A serverless SignalR service whose upstream URL holds a Key Vault reference, read access for its
identity to that one secret, and a shared private endpoint to a Function app whose connection the
package approves. `pulumi package add` generated `pulumi_signalr_serverless` (sdks/, not committed).
"""
import pulumi
import pulumi_signalr_serverless as signalr

config = pulumi.Config()
secret_uri = config.require("secretUri")  # https://contoso-kv.vault.azure.net/secrets/signalr-extension-key
code = f"{{@Microsoft.KeyVault(SecretUri={secret_uri})}}"
chat = signalr.ServerlessSignalR(
    "chat",
    resource_group_name="chat-rg",
    service_name=config.get("serviceName"),
    sku=config.get("sku"),  # default Standard_S1; Free_F1 is refused
    upstream_templates=[{"url_template": f"https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code={code}"}],
    key_vault_access=[{"key_vault_id": config.require("keyVaultId"), "secret_names": ["signalr-extension-key"]}],
    shared_private_endpoints=[{"name": "func-pe", "target_resource_id": config.require("functionAppId")}],
)
pulumi.export("hostName", chat.host_name)
# The outputs are typed: the host name a str, the statuses a dict of str keyed by endpoint name.
pulumi.export("endpoint", chat.host_name.apply(lambda host: f"https://{host}"))
pulumi.export("sharedPrivateEndpointStatuses", chat.shared_private_endpoint_statuses)
pulumi.export("funcPeStatus", chat.shared_private_endpoint_statuses.apply(lambda statuses: statuses["func-pe"]))
