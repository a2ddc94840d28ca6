import { Testing } from "cdktf";

// Adds cdktf's Terraform matchers (toHaveResourceWithProperties, ...).
Testing.setupJest();
