import { Testing } from "cdktf";

// Adds cdktf's Terraform matchers (toHaveResourceWithProperties, ...).
Testing.setupJest();

// The pinned AWS SDK warns under Node 20 on every client; the CLI turns
// that notice off the same way.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
