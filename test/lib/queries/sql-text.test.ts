import { columnAt, lineAt, scanSql } from "../../../lib/queries/sql-text";

describe("scanSql", () => {
  test("blanks literals and comments but keeps length and line breaks", () => {
    const text = "SELECT 'a?b', \"c;d\" -- e?\nFROM t /* f\n; */ WHERE x = ?";
    const { code } = scanSql(text);

    expect(code).toHaveLength(text.length);
    expect(code).toBe(
      "SELECT 'xxx', \"xxx\"      \nFROM t     \n     WHERE x = ?",
    );
  });

  test("counts only the ? markers and ; separators that are code", () => {
    const text = "SELECT '?', \"?\" -- ?\n/* ? ; */ FROM t WHERE a = ? AND b = ?;";
    const scan = scanSql(text);

    expect(scan.markers).toEqual([text.indexOf("= ?") + 2, text.length - 2]);
    expect(scan.separators).toEqual([text.length - 1]);
    expect(scan.unclosed).toBeUndefined();
  });

  test("reads doubled quotes as escapes inside literals", () => {
    const scan = scanSql("SELECT 'it''s ?' AS \"a\"\"?\" WHERE x = ?");

    expect(scan.markers).toHaveLength(1);
    expect(scan.code).toBe("SELECT 'xxxxxxx' AS \"xxxx\" WHERE x = ?");
  });

  test("reports a string literal that is never closed", () => {
    const scan = scanSql("SELECT 1\nWHERE dt = '2026-11-02\nAND ?");

    expect(scan.unclosed).toEqual({ kind: "string literal", offset: 20 });
    expect(scan.markers).toEqual([]);
  });

  test("reports a quoted identifier and a block comment that are never closed", () => {
    expect(scanSql('SELECT "a').unclosed?.kind).toBe("quoted identifier");
    expect(scanSql("SELECT 1 /* a").unclosed?.kind).toBe("block comment");
  });
});

describe("lineAt and columnAt", () => {
  test("locate an offset by 1-based line and column", () => {
    const text = "ab\ncd\nef";

    expect([lineAt(text, 0), columnAt(text, 0)]).toEqual([1, 1]);
    expect([lineAt(text, 4), columnAt(text, 4)]).toEqual([2, 2]);
    expect([lineAt(text, 6), columnAt(text, 6)]).toEqual([3, 1]);
  });
});
