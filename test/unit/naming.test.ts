/**
 * The naming contract, table-style: every identifier the generator emits comes from naming.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  claim,
  camelCase,
  compareCodeUnits,
  dedupe,
  isPropertyIdentifier,
  isValidIdentifier,
  operationName,
  operationTypeStem,
  pascalCase,
  renameReason,
  safeIdentifier,
  schemaAliasName,
  serverNames,
  valuesConstName,
  words,
} from "../../generator/model/naming.js";

describe("words / camelCase / pascalCase", () => {
  it.each([
    ["list_payouts", ["list", "payouts"], "listPayouts", "ListPayouts"],
    ["List-Payouts", ["List", "Payouts"], "listPayouts", "ListPayouts"],
    ["listPayouts", ["list", "Payouts"], "listPayouts", "ListPayouts"],
    ["HTTPServerError", ["HTTP", "Server", "Error"], "httpServerError", "HTTPServerError"],
    ["GET_USER", ["GET", "USER"], "getUSER", "GETUSER"],
    ["get user by id", ["get", "user", "by", "id"], "getUserById", "GetUserById"],
    ["2faVerify", ["2fa", "Verify"], "2faVerify", "2faVerify"],
    ["ünïcödé_naïve", ["unicode", "naive"], "unicodeNaive", "UnicodeNaive"],
    ["获取用户", [], "", ""],
    ["__proto__", ["proto"], "proto", "Proto"],
    ["repos/{owner}/{repo}", ["repos", "owner", "repo"], "reposOwnerRepo", "ReposOwnerRepo"],
    ["", [], "", ""],
  ])("%j → words %j, camel %j, pascal %j", (input, w, camel, pascal) => {
    expect(words(input)).toEqual(w);
    expect(camelCase(input)).toBe(camel);
    expect(pascalCase(input)).toBe(pascal);
  });
});

describe("safeIdentifier", () => {
  it.each([
    ["listPayouts", "listPayouts"],
    ["delete", "delete_"],
    ["class", "class_"],
    ["constructor", "constructor_"],
    ["__proto__", "__proto___"],
    ["Error", "Error_"],
    ["Blob", "Blob_"],
    ["createClient", "createClient_"],
    ["Client", "Client_"],
    ["2faVerify", "_2faVerify"],
    ["", "fallback"],
  ])("%j → %j", (input, expected) => {
    expect(safeIdentifier(input, "fallback")).toBe(expected);
    expect(isValidIdentifier(expected)).toBe(true);
  });
});

describe("operationName", () => {
  it.each([
    ["listPayouts", "get", "/payouts", "listPayouts"],
    ["list_payouts", "get", "/payouts", "listPayouts"],
    ["delete", "post", "/delete", "delete_"],
    ["2faVerify", "get", "/d", "_2faVerify"],
    ["获取用户", "get", "/users/{id}", "getUsersById"],
    [undefined, "get", "/users/{userId}/posts", "getUsersByUserIdPosts"],
    [undefined, "DELETE", "/", "delete_"],
    [undefined, "post", "/v1/chat/completions", "postV1ChatCompletions"],
  ])("operationId %j, %s %s → %j", (id, method, path, expected) => {
    expect(operationName(id, method, path)).toBe(expected);
  });
});

describe("type names", () => {
  it.each([
    ["getPayout", "GetPayout"],
    ["_2faVerify", "_2faVerify"],
    ["delete_", "Delete"],
    ["class_", "Class"],
  ])("operationTypeStem(%j) → %j", (name, expected) => {
    expect(operationTypeStem(name)).toBe(expected);
  });

  it.each([
    ["Pet", "Pet"],
    ["user-profile", "UserProfile"],
    ["1stPlace", "_1stPlace"],
    ["Error", "Error_"],
    ["Client", "Client_"],
    ["Shape.Point", "ShapePoint"],
    ["ü", "U"],
    ["Straße", "StraE"],
    ["日本", "Schema"],
  ])("schemaAliasName(%j) → %j", (key, expected) => {
    expect(schemaAliasName(key)).toBe(expected);
  });

  it.each([
    ["PayoutStage", "payoutStageValues"],
    ["Size", "sizeValues"],
  ])("valuesConstName(%j) → %j", (name, expected) => {
    expect(valuesConstName(name)).toBe(expected);
  });
});

describe("renameReason", () => {
  it.each([
    ["getUser", "getUser", undefined],
    ["delete", "delete_", "'delete' is a reserved word or a built-in name"],
    ["Client", "Client_", "'Client' is a name the generated code declares or refers to"],
    ["2faVerify", "_2faVerify", "an identifier cannot start with a digit"],
    ["getUser", "getUser2", "'getUser' is already taken"],
    ["delete", "delete_2", "'delete_' is already taken"],
    ["", "getF", "the name has no letters or digits usable in an identifier"],
  ])("%j → %j: %j", (natural, final, reason) => {
    expect(renameReason(natural, final)).toBe(reason);
  });
});

describe("dedupe", () => {
  it.each([
    [["a", "b"], [], ["a", "b"]],
    [["a", "a", "a"], [], ["a", "a2", "a3"]],
    [["a", "a2", "a"], [], ["a", "a2", "a3"]],
    [["client"], ["client"], ["client2"]],
  ])("%j with taken %j → %j", (wanted, taken, expected) => {
    expect(dedupe(wanted, new Set(taken))).toEqual(expected);
  });
});

describe("property keys and ordering", () => {
  it.each([
    ["id", true],
    ["first-name", false],
    ["2fa", false],
    ["__proto__", false],
    ["constructor", true],
    ["$ref", true],
  ])("isPropertyIdentifier(%j) → %j", (name, expected) => {
    expect(isPropertyIdentifier(name)).toBe(expected);
  });

  it("sorts by code units, not locale", () => {
    expect(["b", "B", "a", "Ä", "_"].sort(compareCodeUnits)).toEqual(["B", "_", "a", "b", "Ä"]);
  });
});

describe("serverNames", () => {
  it.each([
    [[{ url: "https://api.example.com" }], ["production"]],
    [
      [{ url: "https://api.example.com" }, { url: "https://api.sandbox.example.com" }],
      ["production", "sandbox"],
    ],
    [
      [
        { url: "https://a.example.com", description: "Production" },
        { url: "https://b.example.com", description: "Production" },
      ],
      ["production", "production2"],
    ],
    [[{ url: "https://a.example.com", name: "EU West" }], ["euWest"]],
    [
      [{ url: "/" }, { url: "/" }],
      ["production", "server2"],
    ],
  ])("%j → %j", (servers, expected) => {
    expect(serverNames(servers)).toEqual(expected);
  });
});

describe("properties over any text", () => {
  const text = fc.string({ unit: "binary", maxLength: 24 });

  it("operationName always gives a valid, non-reserved identifier", () => {
    fc.assert(
      fc.property(
        fc.option(text, { nil: undefined }),
        fc.constantFrom("get", "post", "delete", "query"),
        text,
        (id, method, path) => {
          const name = operationName(id, method, `/${path}`);
          expect(isValidIdentifier(name)).toBe(true);
          expect(isValidIdentifier(operationTypeStem(name))).toBe(true);
        },
      ),
    );
  });

  it("schemaAliasName always gives a valid identifier, and renameReason explains every change", () => {
    fc.assert(
      fc.property(text, (key) => {
        const alias = schemaAliasName(key);
        expect(isValidIdentifier(alias)).toBe(true);
        expect(renameReason(pascalCase(key), alias) === undefined).toBe(alias === pascalCase(key));
      }),
    );
  });

  it("dedupe gives unique names, keeps free ones and never takes a taken one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "a2", "b", "client"), { maxLength: 12 }),
        fc.uniqueArray(fc.constantFrom("a", "b", "client")),
        (wanted, taken) => {
          const names = dedupe(wanted, new Set(taken));
          expect(new Set(names).size).toBe(names.length);
          expect(names.filter((n) => new Set<string>(taken).has(n))).toEqual([]);
          expect(dedupe(wanted, new Set(taken))).toEqual(names);
        },
      ),
    );
  });
});

describe("claim", () => {
  it("takes the first free name of name, name2, name3 … and records it", () => {
    const used = new Set(["Pet", "Pet2"]);
    expect(claim("Pet", used)).toBe("Pet3");
    expect(claim("Pet", used)).toBe("Pet4");
    expect(claim("Order", used)).toBe("Order");
    expect([...used]).toEqual(["Pet", "Pet2", "Pet3", "Pet4", "Order"]);
  });

  it("agrees with dedupe, which names a whole list at once", () => {
    const wanted = ["a", "a", "b", "a2", "a"];
    const used = new Set(["b"]);
    expect(wanted.map((w) => claim(w, used))).toEqual(dedupe(wanted, new Set(["b"])));
  });
});
