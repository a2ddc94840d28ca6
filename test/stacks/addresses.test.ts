import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resourceNames } from "../../lib/naming";
import { loadSettings } from "../../lib/settings";
import {
  ADDRESSES_DIR,
  UPDATE_COMMAND,
  addressesOf,
  describeAddressChanges,
} from "../helpers/addresses";
import { synthStack } from "../helpers/synth";

const settings = loadSettings();
const update = process.env.UPDATE_ADDRESSES === "1";

describe("pinned Terraform addresses", () => {
  for (const environment of Object.keys(settings.environments)) {
    const stack = resourceNames(settings, environment).stack;

    test(`${stack} keeps every pinned address and adds none unannounced`, () => {
      const actual = addressesOf(synthStack(settings, environment).json);
      const file = join(ADDRESSES_DIR, `${stack}.txt`);
      if (update) {
        mkdirSync(ADDRESSES_DIR, { recursive: true });
        writeFileSync(file, `${actual.join("\n")}\n`);
      }
      expect(
        existsSync(file)
          ? ""
          : `${file} is missing; create it: ${UPDATE_COMMAND}`,
      ).toBe("");
      const pinned = readFileSync(file, "utf8").split("\n").filter(Boolean);
      expect(describeAddressChanges(stack, pinned, actual)).toBe("");
    });
  }

  test("the pinned lists name the stateful resources", () => {
    const pinned = readFileSync(
      join(ADDRESSES_DIR, "analytics-dev.txt"),
      "utf8",
    );
    expect(pinned).toContain("aws_s3_bucket.data_bucket\n");
    expect(pinned).toContain("aws_kms_key.lake_key\n");
    expect(pinned).toContain("aws_glue_catalog_database.catalog_database\n");
  });

  test("fails a renamed resource with how to move its state", () => {
    expect(
      describeAddressChanges(
        "analytics-dev",
        ["aws_kms_key.lake_key", "aws_s3_bucket.data_bucket"],
        ["aws_kms_key.lake_key", "aws_s3_bucket.lake_bucket"],
      ),
    ).toBe(
      [
        "analytics-dev: 1 pinned address(es) no longer exist:",
        "  - aws_s3_bucket.data_bucket",
        "Terraform keys state on addresses: on the next apply it DESTROYS these resources and creates any renamed ones from scratch (a bucket, key or database loses its data).",
        "If a construct id or its scope was renamed, keep the resource instead:",
        '  - in cdktf: call `resource.moveFromId("<old address>")` on the renamed resource, which writes a `moved` block, or',
        "  - in the state: `terraform state mv <old address> <new address>` before the apply.",
        "If the destroy is intended, update the pinned list: UPDATE_ADDRESSES=1 npx jest test/stacks/addresses.test.ts",
        "",
        "analytics-dev: 1 address(es) are not in the pinned list:",
        "  + aws_s3_bucket.lake_bucket",
        "If they are new resources, pin them: UPDATE_ADDRESSES=1 npx jest test/stacks/addresses.test.ts and commit test/stacks/addresses/. If one takes the place of a renamed resource, move that resource's state instead (moveFromId or terraform state mv).",
      ].join("\n"),
    );
  });

  test("fails a new resource with how to pin it", () => {
    expect(
      describeAddressChanges(
        "analytics-prod",
        ["aws_kms_key.lake_key"],
        [
          "aws_athena_named_query.named_queries_new_report",
          "aws_kms_key.lake_key",
        ],
      ),
    ).toBe(
      [
        "analytics-prod: 1 address(es) are not in the pinned list:",
        "  + aws_athena_named_query.named_queries_new_report",
        "If they are new resources, pin them: UPDATE_ADDRESSES=1 npx jest test/stacks/addresses.test.ts and commit test/stacks/addresses/. If one takes the place of a renamed resource, move that resource's state instead (moveFromId or terraform state mv).",
      ].join("\n"),
    );
  });
});
