/**
 * Request sizes as the real Office.js client serialises them. Microsoft's Excel client library (@microsoft/office-js,
 * dist/excel-web-16.00.debug.js, the one Excel on the web loads) runs in Node's vm with a request executor that records
 * each request body instead of sending it. The adapter runs against the fake host; every call it makes is mirrored on
 * the real client's proxies, so each sync sends the real client the same batch the host receives.
 */
import { readFileSync } from "node:fs";
import vm from "node:vm";
import type { FakeExcel } from "./fakeExcel";
import { officeRunner, type ExcelRunner } from "../../src/workbook/office/officeWorkbook";

interface ClientExcel {
  RequestContext: new (resolver: unknown) => Excel.RequestContext;
}

let client: ClientExcel | null = null;

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
  client = sandbox.Excel as ClientExcel;
  return client;
}

/** Bytes (UTF-8) of each request body the real client built, in order. */
export class RequestLog {
  requests: number[] = [];
}

/** A real client context whose requests are recorded and answered with an empty result. */
function realContext(log: RequestLog): Excel.RequestContext {
  const executor = {
    executeAsync: (_custom: unknown, _flags: unknown, message: { Body: unknown }) => {
      log.requests.push(Buffer.byteLength(JSON.stringify(message.Body), "utf8"));
      return Promise.resolve({
        HttpStatusCode: 200,
        ErrorCode: null,
        ErrorMessage: null,
        Headers: {},
        Body: { Results: [] },
      });
    },
  };
  const resolver = {
    _resolveRequestUrlAndHeaderInfo: () => Promise.resolve({ url: "https://excel.invalid/", headers: {} }),
    _createRequestExecutorOrNull: () => executor,
  };
  return new (loadClient().RequestContext)(resolver);
}

const pairs = new WeakMap<object, { fake: unknown; real: unknown }>();
const fakeOf = (v: unknown): unknown =>
  typeof v === "object" && v !== null && pairs.has(v) ? pairs.get(v)!.fake : v;
const realOf = (v: unknown): unknown =>
  typeof v === "object" && v !== null && pairs.has(v) ? pairs.get(v)!.real : v;

/** The fake object, with every navigation, method call and property write repeated on its real counterpart. */
function mirror(fake: object, real: unknown): object {
  const proxy: object = new Proxy(fake, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      const r = real as Record<string | symbol, unknown>;
      if (prop === "items" && Array.isArray(value) && r)
        return value.map((item: { name: string }) =>
          mirror(item, (r.getItem as (n: string) => unknown).call(r, item.name)),
        );
      if (typeof value === "function")
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args.map(fakeOf));
          const method = r?.[prop];
          const realResult =
            typeof method === "function"
              ? (method as (...a: unknown[]) => unknown).apply(r, args.map(realOf))
              : undefined;
          return typeof result === "object" && result !== null && !(result instanceof Promise)
            ? mirror(result, realResult)
            : result;
        };
      if (typeof value === "object" && value !== null && !Array.isArray(value))
        return mirror(value, r?.[prop]);
      return value;
    },
    set(target, prop, value) {
      Reflect.set(target, prop, fakeOf(value), target);
      if (real) (real as Record<string | symbol, unknown>)[prop] = realOf(value);
      return true;
    },
  });
  pairs.set(proxy, { fake, real });
  return proxy;
}

/** A runner for the adapter: the fake host executes, the real client serialises; `log.requests` holds the real sizes. */
export function measuredRunner(host: FakeExcel, log: RequestLog): ExcelRunner {
  const run = (<T>(options: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>) =>
    host.run(options, async (fakeCtx) => {
      const real = realContext(log);
      const ctx = {
        workbook: mirror(fakeCtx.workbook, real.workbook),
        sync: async () => {
          await real.sync();
          await fakeCtx.sync();
        },
      };
      return batch(ctx as unknown as Excel.RequestContext);
    })) as unknown as typeof Excel.run;
  return officeRunner(run);
}
