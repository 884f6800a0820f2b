// The package's provider from source (the engine tests' launcher and gRPC tests start this file
// with the SDK's run-plugin); the plugin entry the language host starts is package.json `main`.
import "./src/provider/main";
