// The README's "ServerlessSignalR in ten lines" in Go: a serverless SignalR service whose upstream
// URL holds a Key Vault reference, read access for its identity to that one secret, and a shared
// private endpoint to a Function app whose connection the package approves. `pulumi package add`
// generated the signalrserverless package (sdks/, not committed).
package main

import (
	"example.com/pulumi-signalr-serverless/sdk/go/signalrserverless"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		code := "{@Microsoft.KeyVault(SecretUri=" + cfg.Require("secretUri") + ")}" // https://contoso-kv.vault.azure.net/secrets/signalr-extension-key
		args := &signalrserverless.ServerlessSignalRArgs{
			ResourceGroupName:      pulumi.String("chat-rg"),
			UpstreamTemplates:      []signalrserverless.UpstreamTemplateArgsArgs{{UrlTemplate: pulumi.String("https://contoso-func.azurewebsites.net/runtime/webhooks/signalr?code=" + code)}},
			KeyVaultAccess:         []signalrserverless.KeyVaultAccessArgsArgs{{KeyVaultId: pulumi.String(cfg.Require("keyVaultId")), SecretNames: []pulumi.StringInput{pulumi.String("signalr-extension-key")}}},
			SharedPrivateEndpoints: []signalrserverless.SharedPrivateEndpointEntryArgsArgs{{Name: "func-pe", TargetResourceId: pulumi.String(cfg.Require("functionAppId"))}},
		}
		if name := cfg.Get("serviceName"); name != "" {
			args.ServiceName = &name
		}
		if sku := cfg.Get("sku"); sku != "" { // default Standard_S1; Free_F1 is refused
			s := signalrserverless.SignalRSku(sku)
			args.Sku = &s
		}
		chat, err := signalrserverless.NewServerlessSignalR(ctx, "chat", args)
		if err != nil {
			return err
		}
		ctx.Export("hostName", chat.HostName)
		// The outputs are typed: the host name a pulumi.StringOutput, the statuses a pulumi.StringMapOutput.
		ctx.Export("endpoint", pulumi.Sprintf("https://%s", chat.HostName))
		ctx.Export("sharedPrivateEndpointStatuses", chat.SharedPrivateEndpointStatuses)
		ctx.Export("funcPeStatus", chat.SharedPrivateEndpointStatuses.MapIndex(pulumi.String("func-pe")))
		return nil
	})
}
