/**
 * The intermediate model (IR) that `normalize` builds and the emitters read.
 * Every name is final here; emitters never look at the raw document.
 */
import type {
  BodyEncoding,
  HttpMethod,
  PaginationSpec,
  ParamLocation,
  ParamStyle,
  ResponseKind,
  SecuritySchemeData,
} from "../../templates/runtime/types.js";

import type { DatesConfig } from "../config/config.js";
import type { Issue } from "../util/issues.js";
import type { StreamModel } from "./stream.js";

export type { Issue };

export interface ParameterModel {
  readonly name: string;
  readonly in: ParamLocation;
  /** Key in the flat `params` object (a property name, may need quoting). */
  readonly key: string;
  /** JSON pointer of the parameter in the operation's or its path item's `parameters` (the entry may be a `$ref`). */
  readonly pointer: string;
  readonly required: boolean;
  readonly description?: string;
  readonly deprecated: boolean;
  readonly style?: ParamStyle;
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
  readonly json?: boolean;
  /** The schema admits only strings, numbers, booleans and null (see `isScalarSchema`). */
  readonly scalar: boolean;
  /** The schema's `default` as JSON text (`20`, `"asc"`), for the `@default` doc tag; the server applies it. */
  readonly defaultValue?: string;
  /** The schema's type by name when it is a component `$ref` (`PayoutStage`), see named-types.ts. */
  readonly namedType?: string;
}

export interface RequestBodyModel {
  readonly mediaType: string;
  readonly encoding: BodyEncoding;
  readonly required: boolean;
  readonly description?: string;
  /** The media type's schema by name (`PaymentRequest`), when it is a component `$ref`. */
  readonly namedType?: string;
}

export interface ResponseModel {
  /** Status as written in the document: `200`, `2XX`, `default`. */
  readonly status: string;
  readonly description?: string;
  /** The media type the client reads, when the response declares content. */
  readonly mediaType?: string;
  readonly hasHeaders: boolean;
  /** The body's schema by name (`Image[]`), when it is a component `$ref` or an array of one. */
  readonly namedType?: string;
}

/** Names of the type aliases generated for one operation. */
export interface OperationTypeNames {
  readonly params: string;
  readonly response: string;
  /** False when `response` is a component alias from types.ts (the 2xx body is exactly that component). */
  readonly responseDeclared: boolean;
  readonly error: string;
  readonly headers: string;
  /** Item type of a paginated operation. */
  readonly item: string;
}

/**
 * templates/runtime/types.ts's `DatePlan` as the generator holds it: a component's plan is `{ $ref }` (emitted as
 * a function returning that component's plan constant).
 */
export type DatePlanModel =
  | "date-time"
  | "date"
  | { readonly $ref: string }
  | readonly DatePlanModel[]
  | {
      readonly p?: Readonly<Record<string, DatePlanModel>>;
      readonly a?: DatePlanModel;
      readonly i?: DatePlanModel;
    };

/** Where one operation's data holds dates (the `dates` option). */
export interface OperationDatesModel {
  /** Revived in the 2xx JSON bodies. */
  readonly response?: DatePlanModel;
  /** Applied to the flat `params` (only when `format: date` is read as Date: a `Date` there is sent as its day). */
  readonly request?: DatePlanModel;
  /** `params` keys (`body` included) whose types hold `Date`: typed `DateInput<…>` (`Date | string`). */
  readonly inputs: readonly string[];
  /** Statuses of error responses whose bodies hold dates: typed `DateText<…>` (error bodies are not revived). */
  readonly errors: readonly string[];
}

/** The `dates` option as the emitters read it. */
export interface DatesModel {
  readonly config: DatesConfig;
  /** Plans of the components the operations' plans refer to, by `$ref` (code-unit order). */
  readonly components: Readonly<Record<string, DatePlanModel>>;
}

/**
 * The streaming companion function (`createChatCompletionStream`) of an operation whose 2xx response offers a
 * media type the client reads whole and a stream media type: same params and headers types, its own name, item
 * type and `OperationSpec` (Accept: the stream media type).
 */
export interface StreamVariantModel {
  /** Function name: the operation's name + `Stream`, claimed like every generated name. */
  readonly name: string;
  /** Name of the type of one item (`CreateChatCompletionStreamItem`). */
  readonly itemType: string;
  readonly stream: StreamModel;
  /** The stream media type's `schema` is this component alias. */
  readonly namedType?: string;
}

export interface OperationModel {
  /** Function name (also the key in openapi-typescript's `operations`). */
  readonly name: string;
  /** PascalCase stem for the operation's type aliases: `GetPayout` → `GetPayoutParams`. */
  readonly typeName: string;
  readonly types: OperationTypeNames;
  /** The operationId as written in the document, if any. */
  readonly operationId?: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly pointer: string;
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated: boolean;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterModel[];
  readonly requestBody?: RequestBodyModel;
  /** 2xx (and `2XX`) responses, in status order. */
  readonly success: readonly ResponseModel[];
  /** Every other response, `default` last. */
  readonly errors: readonly ResponseModel[];
  /** The 2xx JSON response's schema is exactly this component (`#/components/schemas/X` → `X`). */
  readonly responseComponent?: string;
  readonly responseKind: ResponseKind;
  readonly security: readonly (readonly string[])[];
  readonly pagination?: PaginationSpec;
  /** The 2xx response streams (server-sent events, NDJSON, json-seq): the operation returns an `ApiStream`. */
  readonly stream?: StreamModel;
  /** Set on a streaming companion (emit only): the operation whose types it shares. */
  readonly variantOf?: string;
  /** The streaming companion of an operation whose 2xx response offers a stream besides a body read whole. */
  readonly streamVariant?: StreamVariantModel;
  /** The items of a paginated response by name (`Payout`), when they are a component `$ref`. */
  readonly itemType?: string;
  /** Extra documentation lines from vendor extensions (`x-source`), kept as data. */
  readonly notes: readonly string[];
  /** Where its data holds dates, with the `dates` option. */
  readonly dates?: OperationDatesModel;
}

export interface ServerModel {
  readonly name: string;
  readonly url: string;
  readonly description?: string;
  readonly variables: Readonly<
    Record<string, { readonly default: string; readonly enum?: readonly string[] }>
  >;
}

export interface SecuritySchemeModel {
  /** Scheme name in `components.securitySchemes`. */
  readonly name: string;
  /** Property of the generated `createClient` config that carries its credential. */
  readonly configKey: string;
  readonly spec: SecuritySchemeData;
  readonly description?: string;
}

/** A named type the generated `types.ts` exports on top of openapi-typescript's output. */
export interface TypeAliasModel {
  readonly name: string;
  /** The schema's key in `components.schemas`. */
  readonly schemaKey: string;
  /** A TypeScript type expression over `components`/`operations`, built by normalize from the document. */
  readonly target: string;
  readonly description?: string;
  readonly deprecated: boolean;
}

/** A string/number enum exported as a type and an `as const` values array. */
export interface EnumModel {
  readonly typeName: string;
  readonly valuesName: string;
  readonly values: readonly (string | number | boolean | null)[];
  /** Where the enum was found first (JSON pointer), for docs. */
  readonly pointer: string;
  readonly description?: string;
  /** Names for the values from `x-enum-varnames`, aligned with `values`. */
  readonly varNames?: readonly string[];
  readonly valueDescriptions?: readonly string[];
  /** The type is a component schema's alias (only the values array is new). */
  readonly fromComponent: boolean;
}

/** One response as the mock answers it: its reduced schema, examples by name, header schemas. */
export interface MockResponseModel {
  /** Status as written in the document (`200`, `4XX`, `default`). */
  readonly status: string;
  /** A response component (`#/components/responses/NotFound`): its fields are in `MockModel.responses`. */
  readonly $ref?: string;
  readonly mediaType?: string;
  readonly schema?: Readonly<Record<string, unknown>>;
  /** Examples by name (a media type's lone `example` is `default`). */
  readonly examples?: Readonly<Record<string, unknown>>;
  /** Schemas of the declared response headers, by lower-cased name. */
  readonly headers?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The stream the response also offers (an operation's streaming companion asks for it with `Accept`). */
  readonly stream?: Pick<MockResponseModel, "mediaType" | "schema" | "examples">;
}

/** The mock's view of one operation; `params` is aligned with `OperationModel.parameters`. */
export interface MockOperationModel {
  readonly params: readonly { readonly schema?: Readonly<Record<string, unknown>> }[];
  /** The schema of the request body's chosen media type. */
  readonly bodySchema?: Readonly<Record<string, unknown>>;
  /** `success` then `errors`, as in the OperationModel. */
  readonly responses: readonly MockResponseModel[];
}

/**
 * What the generated `mock.ts` declares: schemas reduced to the keywords that decide validity (3.0 forms turned
 * into 3.1's), referenced by `$ref` from one table instead of inlined per operation.
 */
export interface MockModel {
  /** Every schema an operation's schemas reference, by `$ref` (`#/components/schemas/Payout`). */
  readonly schemas: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Response components the operations refer to by `$ref`, each described once. */
  readonly responses: Readonly<Record<string, Omit<MockResponseModel, "status" | "$ref">>>;
  /** Aligned with `ApiModel.operations`. */
  readonly operations: readonly MockOperationModel[];
  /** Path prefixes of the servers' URLs (`/v2`), longest first. */
  readonly basePaths: readonly string[];
}

export interface ApiModel {
  /** The API name as given by config (`Introw`). */
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly description?: string;
  readonly servers: readonly ServerModel[];
  readonly securitySchemes: readonly SecuritySchemeModel[];
  readonly operations: readonly OperationModel[];
  readonly schemaAliases: readonly TypeAliasModel[];
  readonly enums: readonly EnumModel[];
  readonly rateLimitHeaders: readonly string[];
  readonly requestIdHeader?: string;
  /**
   * Some schema is `readOnly` or `writeOnly`: types.ts marks those properties (openapi-typescript's
   * `readWriteMarkers`), request bodies are typed `Writable<…>` and responses and aliases `Readable<…>`.
   */
  readonly readWriteMarkers: boolean;
  /**
   * `openEnums` is on and the document has an enum or discriminated union to open: types.ts marks them (`$Open`,
   * `$OpenUnion`), responses are typed `Readable<…>` (open) and requests `Writable<…>` (closed).
   */
  readonly openTypes: boolean;
  /** Present when the `dates` option reads some format as `Date`. */
  readonly dates?: DatesModel;
  /** What the generated mock.ts needs: schemas and examples per operation. */
  readonly mock: MockModel;
  /** The document openapi-typescript types: repaired, with every operationId set to the operation's name. */
  readonly typesDocument: Readonly<Record<string, unknown>>;
  /** Renames and repairs made while normalizing (reported, never silent). */
  readonly issues: readonly Issue[];
}

/** Whether types are seen through `Readable<…>` (responses) and `Writable<…>` (requests). */
export function hasViews(model: Pick<ApiModel, "readWriteMarkers" | "openTypes">): boolean {
  return model.readWriteMarkers || model.openTypes;
}
