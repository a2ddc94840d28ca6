import {
  QueryVariables,
  renderTemplate,
} from "../../../lib/queries/template";

const VARIABLES: QueryVariables = {
  database: "analytics_dev",
  data_bucket: "acme-dev-data",
  results_bucket: "acme-dev-results",
  environment: "dev",
  workgroup: "analytics-dev",
};

describe("renderTemplate", () => {
  test("replaces every known variable, with or without spaces", () => {
    const text =
      "{{ database }} {{data_bucket}} {{  results_bucket  }} {{ environment }} {{ workgroup }}";

    expect(renderTemplate(text, VARIABLES, "q.sql", 1)).toEqual({
      text: "analytics_dev acme-dev-data acme-dev-results dev analytics-dev",
      problems: [],
    });
  });

  test("rejects unknown variables, naming the file line of each", () => {
    const text = "SELECT 1\nFROM {{ Database }}.t\n\nWHERE x = '{{ bucket }}'";

    const rendered = renderTemplate(text, VARIABLES, "queries/a/q.sql", 7);

    expect(rendered.text).toBe(text);
    expect(rendered.problems).toEqual([
      {
        path: "queries/a/q.sql:8",
        message:
          'unknown template variable; use one of {{ database }}, {{ data_bucket }}, {{ results_bucket }}, {{ environment }}, {{ workgroup }}, got "{{ Database }}"',
      },
      {
        path: "queries/a/q.sql:10",
        message:
          'unknown template variable; use one of {{ database }}, {{ data_bucket }}, {{ results_bucket }}, {{ environment }}, {{ workgroup }}, got "{{ bucket }}"',
      },
    ]);
  });
});
