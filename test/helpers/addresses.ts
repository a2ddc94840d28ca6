/**
 * Terraform addresses of synthesized stacks and the messages that explain a
 * change of them: state is keyed on addresses, so a changed one is a
 * destroy and a create.
 */
import { join } from "node:path";

/** Where the pinned address list of each stack lives. */
export const ADDRESSES_DIR = join(__dirname, "..", "stacks", "addresses");

/** The command that rewrites the pinned lists from a fresh synth. */
export const UPDATE_COMMAND =
  "UPDATE_ADDRESSES=1 npx jest test/stacks/addresses.test.ts";

/** Every resource and data source address of a synthesized stack, sorted. */
export function addressesOf(synth: {
  resource?: Record<string, Record<string, unknown>>;
  data?: Record<string, Record<string, unknown>>;
}): string[] {
  const addresses: string[] = [];
  for (const [type, byName] of Object.entries(synth.resource ?? {})) {
    for (const name of Object.keys(byName)) addresses.push(`${type}.${name}`);
  }
  for (const [type, byName] of Object.entries(synth.data ?? {})) {
    for (const name of Object.keys(byName)) {
      addresses.push(`data.${type}.${name}`);
    }
  }
  return addresses.sort();
}

/**
 * Explains how a stack's addresses differ from its pinned list, or returns
 * an empty string when they match.
 */
export function describeAddressChanges(
  stack: string,
  pinned: readonly string[],
  actual: readonly string[],
): string {
  const gone = pinned.filter((a) => !actual.includes(a));
  const added = actual.filter((a) => !pinned.includes(a));
  const parts: string[] = [];
  if (gone.length > 0) {
    parts.push(
      [
        `${stack}: ${gone.length} pinned address(es) no longer exist:`,
        ...gone.map((a) => `  - ${a}`),
        "Terraform keys state on addresses: on the next apply it DESTROYS these resources and creates any renamed ones from scratch (a bucket, key or database loses its data).",
        "If a construct id or its scope was renamed, keep the resource instead:",
        '  - in cdktf: call `resource.moveFromId("<old address>")` on the renamed resource, which writes a `moved` block, or',
        "  - in the state: `terraform state mv <old address> <new address>` before the apply.",
        `If the destroy is intended, update the pinned list: ${UPDATE_COMMAND}`,
      ].join("\n"),
    );
  }
  if (added.length > 0) {
    parts.push(
      [
        `${stack}: ${added.length} address(es) are not in the pinned list:`,
        ...added.map((a) => `  + ${a}`),
        `If they are new resources, pin them: ${UPDATE_COMMAND} and commit test/stacks/addresses/. If one takes the place of a renamed resource, move that resource's state instead (moveFromId or terraform state mv).`,
      ].join("\n"),
    );
  }
  return parts.join("\n\n");
}
