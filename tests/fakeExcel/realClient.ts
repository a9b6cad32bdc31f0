/**
 * Request sizes and contents as the real Office.js client serialises them. Microsoft's Excel client library
 * (@microsoft/office-js, dist/excel-web-16.00.debug.js, the one Excel on the web loads) runs in Node's vm with a request
 * executor that records each request body instead of sending it. The adapter runs against the fake host; every call it
 * makes is mirrored on the real client's proxies, so each sync sends the real client the same batch the host receives.
 * A member the real client does not have (a method, a property read or written) fails the mirrored call at once, as a
 * typo'd or misremembered member would fail in Excel.
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import type { FakeExcel } from "./fakeExcel";
import { officeRunner, type ExcelRunner } from "../../src/workbook/office/officeWorkbook";

interface ClientExcel {
  run: typeof Excel.run;
}

/** The client's registry of workbook events (OfficeExtension.GenericEventRegistration, excel-web-16.00.debug.js). */
interface EventRegistry {
  peekGenericEventRegistrationOrNull(
    controlId: string,
  ): { m_eventRegistration: { getHandlers(eventId: number, targetId: string): unknown[] } } | undefined;
}

/** One action of a request as the client serialises it (OfficeExtension's ActionInfo). */
export interface RequestAction {
  Id: number;
  /** 1 Instantiate, 2 Query, 3 Method, 4 SetProperty, 5 Trace (OfficeExtension.ActionType). */
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[] };
  /** What a Query (load) asks for. */
  QueryInfo?: { Select?: string[] };
}

/** One object path of a request (OfficeExtension's ObjectPathInfo). */
export interface RequestObjectPath {
  Id: number;
  /** 1 GlobalObject, 2 NewObject, 3 Method, 4 Property, 5 Indexer (OfficeExtension.ObjectPathType). */
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[] };
}

/** A request body as the client builds it for the executor. */
export interface RequestBody {
  Actions: RequestAction[];
  ObjectPaths: Record<string, RequestObjectPath>;
}

/**
 * What the sandbox gives the client in place of an Office host. Excel on the web registers the client's workbook
 * events through OSF.DDA.RichApi.richApiMessageManager.register (excel-web-16.00.debug.js:
 * GenericEventRegistration.prototype.ready → OfficeJsEventRegistration.register, event 5), which office.js creates only
 * when Office initialises in a host (InitializationHelper.loadAppSpecificScriptAndCreateOM). Only that call is modelled:
 * it resolves, and keeps the handler, through which Excel would deliver RichApi messages (the events).
 */
const richApiHandlers: ((message: unknown) => void)[] = [];

let client: ClientExcel | null = null;
let registry: EventRegistry | null = null;

function loadClient(): ClientExcel {
  if (client) return client;
  const code = readFileSync(require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js"), "utf8");
  const sandbox: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    navigator: { userAgent: "node" },
  };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox, { filename: "excel-web-16.00.debug.js" });
  const osf = sandbox.OSF as { DDA: { RichApi: Record<string, unknown> } };
  osf.DDA.RichApi.richApiMessageManager = {
    register: (handler: (args: unknown) => void) => {
      richApiHandlers.push(handler);
      return Promise.resolve();
    },
  };
  client = sandbox.Excel as ClientExcel;
  registry = (sandbox.OfficeExtension as { GenericEventRegistration: EventRegistry })
    .GenericEventRegistration;
  return client;
}

/** The client's event ids of the worksheet collection's events (eventType in WorksheetCollection's onX getters). */
export const WORKBOOK_EVENT_IDS = { changed: 10, added: 13, deleted: 15, nameChanged: 25 } as const;

/**
 * How many handlers the real client holds for a workbook event, across every context (one per context whose
 * EventHandlers has handlers: its callback, registered on the first add and unregistered after the last removal).
 */
export function realWorkbookHandlers(event: keyof typeof WORKBOOK_EVENT_IDS): number {
  loadClient();
  const r = registry!.peekGenericEventRegistrationOrNull("");
  return r ? r.m_eventRegistration.getHandlers(WORKBOOK_EVENT_IDS[event], "Workbook").length : 0;
}

/**
 * Delivers a workbook event as Excel sends one, a RichApi message (GenericEventRegistration._handleRichApiMessage:
 * category 65536, the event's id, target "Workbook", its arguments as JSON); the client then calls the handlers.
 */
export function deliverRealEvent(
  event: keyof typeof WORKBOOK_EVENT_IDS,
  args: Record<string, unknown>,
): void {
  const entries = [
    {
      messageCategory: 65536,
      messageType: WORKBOOK_EVENT_IDS[event],
      targetId: "Workbook",
      message: JSON.stringify(args),
    },
  ];
  for (const h of richApiHandlers) h({ entries });
}

/** Each request body the real client built, in order: its UTF-8 bytes, and the body itself when `keepBodies`. */
export class RequestLog {
  requests: number[] = [];
  bodies: RequestBody[] = [];
  constructor(readonly keepBodies = false) {}
}

/**
 * A real client's session whose requests are recorded and answered as Excel answers a request that succeeds: each
 * Trace action's result is returned (the client's event registrations, GenericEventHandlers.add and remove, take effect
 * by their trace marker's result: ActionFactory.createTraceMarkerForCallback), nothing else is.
 */
function realSession(log: RequestLog): object {
  const executor = {
    executeAsync: (_custom: unknown, _flags: unknown, message: { Body: RequestBody }) => {
      log.requests.push(Buffer.byteLength(JSON.stringify(message.Body), "utf8"));
      if (log.keepBodies) log.bodies.push(JSON.parse(JSON.stringify(message.Body)) as RequestBody);
      const traces = message.Body.Actions.filter((a) => a.ActionType === 5);
      return Promise.resolve({
        HttpStatusCode: 200,
        ErrorCode: null,
        ErrorMessage: null,
        Headers: {},
        Body: {
          Results: traces.map((a) => ({ ActionId: a.Id, Value: null })),
          TraceIds: traces.map((a) => a.Id),
        },
      });
    },
  };
  return {
    _resolveRequestUrlAndHeaderInfo: () => Promise.resolve({ url: "https://excel.invalid/", headers: {} }),
    _createRequestExecutorOrNull: () => executor,
  };
}

/**
 * The real counterpart of a collection's item, made when the adapter first uses the item (a method, a navigation, a
 * write, an argument), not when it lists `items`: the client queues an Instantiate action for a path it makes (getItem),
 * none for the items a load returns, so pairing every item listed would send requests the adapter never causes (a
 * closing request of Instantiate actions only, after readGrids listed the sheets). A property read is checked against
 * the item's class (`proto`) without making it.
 */
class LaterReal {
  private made: unknown;
  private done = false;
  constructor(
    private readonly make: () => unknown,
    readonly proto: object,
  ) {}
  get(): unknown {
    if (!this.done) [this.made, this.done] = [this.make(), true];
    return this.made;
  }
}

const pairs = new WeakMap<object, { fake: unknown; real: unknown }>();
const fakeOf = (v: unknown): unknown =>
  typeof v === "object" && v !== null && pairs.has(v) ? pairs.get(v)!.fake : v;
const realOf = (v: unknown): unknown => {
  const real = typeof v === "object" && v !== null && pairs.has(v) ? pairs.get(v)!.real : v;
  return real instanceof LaterReal ? real.get() : real;
};

/**
 * The client's class of a fake object (FakeWorksheet: Excel.Worksheet), or for a plain object the class its property
 * is named after (Table.worksheet: Excel.Worksheet), if the client has one.
 */
function clientClass(fake: object, property: string): object | undefined {
  const own = fake.constructor.name.replace(/^Fake/, "");
  const name = own === "Object" ? property.charAt(0).toUpperCase() + property.slice(1) : own;
  const cls = (loadClient() as unknown as Record<string, { prototype?: object } | undefined>)[name];
  return cls?.prototype;
}

/** The real counterpart `make` makes, made when first used where the client has the fake's class, else now. */
function later(fake: object, property: string, make: () => unknown): unknown {
  const proto = clientClass(fake, property);
  return proto ? new LaterReal(make, proto) : make();
}

const className = (real: unknown): string =>
  (real as { _className?: string } | null | undefined)?._className ?? String(real);

/** Fails when the real client's object has no such member (in Excel: undefined is not a function, or a lost write). */
function realMember(real: unknown, prop: string | symbol): Record<string | symbol, unknown> {
  const r = real as Record<string | symbol, unknown>;
  if (typeof prop === "symbol" || (typeof r === "object" && r !== null && prop in r)) return r;
  throw new Error(`The real Office.js client has no member ${className(r)}.${prop}`);
}

/** The fake object, with every navigation, method call and property write repeated on its real counterpart. */
function mirror(fake: object, real: unknown): object {
  const proxy: object = new Proxy(fake, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (value === undefined || typeof prop === "symbol") return value;
      if (real instanceof LaterReal && typeof value !== "function") {
        // A property read or a navigation of an item not used yet: checked against its class, nothing queued.
        if (!(prop in real.proto)) throw new Error(`The real Office.js client has no member ${String(prop)}`);
        if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
        // A loaded value that is an object (DataValidation.rule) the client has no class for is data, as below.
        let navigated: unknown;
        try {
          navigated = later(value, prop, () => (real.get() as Record<string, unknown>)[prop]);
        } catch {
          return value;
        }
        return mirror(value, navigated);
      }
      const r = realMember(real instanceof LaterReal ? real.get() : real, prop);
      if (prop === "items" && Array.isArray(value))
        return value.map((item: { name: string }) => {
          // The client refuses a new path under one a sync has ended (a Range's: InvalidObjectPath), which the items
          // of a collection under a range (Range.conditionalFormats) would need: those are read as data, unmirrored.
          try {
            return mirror(
              item,
              later(item, "", () => (r.getItem as (n: string) => unknown).call(r, item.name)),
            );
          } catch (e) {
            if ((e as { code?: string }).code !== "InvalidObjectPath") throw e;
            return item;
          }
        });
      if (typeof value === "function")
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args.map(fakeOf));
          const method = r[prop];
          if (typeof method !== "function")
            throw new Error(`The real Office.js client has no method ${className(r)}.${String(prop)}`);
          const realResult = (method as (...a: unknown[]) => unknown).apply(r, args.map(realOf));
          return typeof result === "object" && result !== null && !(result instanceof Promise)
            ? mirror(result, realResult)
            : result;
        };
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        // A loaded value that is an object (DataValidation.rule, prompt): data, which the real client, never answered,
        // has not loaded and refuses to give (PropertyNotLoaded). It makes no request.
        let real: unknown;
        try {
          real = r[prop];
        } catch {
          return value;
        }
        return mirror(value, real);
      }
      return value;
    },
    set(target, prop, value) {
      Reflect.set(target, prop, fakeOf(value), target);
      realMember(real instanceof LaterReal ? real.get() : real, prop)[prop] = realOf(value);
      return true;
    },
  });
  pairs.set(proxy, { fake, real });
  return proxy;
}

/** The real client's own Excel.run (requests recorded in `log`): what it checks before any batch runs. */
export function realRun<T>(
  log: RequestLog,
  options: Excel.RunOptions,
  batch: (ctx: Excel.RequestContext) => Promise<T>,
): Promise<T> {
  return loadClient().run({ ...options, session: realSession(log) } as Excel.RunOptions, batch);
}

/**
 * A runner for the adapter: the fake host executes, the real client serialises; `log.requests` holds the real sizes.
 * Each batch runs inside the real client's Excel.run with the same options, so `previousObjects` (an
 * EventHandlerResult's context, say) gives the batch the real context made before, as it gives the fake host its own:
 * the real client checks it (ClientRequestContext._runBatchCommon) and syncs whatever that context has pending.
 */
export function measuredRunner(host: FakeExcel, log: RequestLog): ExcelRunner {
  const real = loadClient();
  const run = (<T>(options: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>) => {
    const previous = options.previousObjects;
    const fakeOptions = previous === undefined ? options : { ...options, previousObjects: fakeOf(previous) };
    const realOptions = { ...options, previousObjects: realOf(previous), session: realSession(log) };
    if (previous === undefined) delete realOptions.previousObjects;
    return host.run(fakeOptions as Excel.RunOptions, (fakeCtx) =>
      real.run(realOptions as Excel.RunOptions, (realCtx) => {
        const fake = fakeCtx as unknown as Excel.RequestContext;
        const ctx = {
          workbook: mirror(fake.workbook, realCtx.workbook),
          // The real request first, as the client sends it, then the host's.
          sync: async () => {
            await realCtx.sync();
            await fake.sync();
          },
        };
        pairs.set(ctx, { fake, real: realCtx });
        return batch(ctx as unknown as Excel.RequestContext);
      }),
    );
  }) as unknown as typeof Excel.run;
  return officeRunner(run);
}
