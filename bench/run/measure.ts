import autocannon from 'autocannon';
import { rssMb, type Server } from './processes';
import { Scenario, ScenarioContext, toAutocannon } from './scenarios';

const RSS_SAMPLE_MS = 500;

/** One autocannon run of one scenario against one server. */
export interface RunResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  /** non-2xx answers plus socket errors (timeouts included). */
  errors: number;
  statusCodes: Record<string, number>;
  /** The server's peak resident memory during the run, in MB. */
  rssMb: number;
}

export async function measure(
  server: Server,
  scenario: Scenario,
  context: ScenarioContext,
  seconds: number,
  connections: number,
): Promise<RunResult> {
  let peak = rssMb(server.process.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.process.pid))), RSS_SAMPLE_MS);
  try {
    const result = await autocannon({
      url: server.base,
      connections,
      duration: seconds,
      requests: [{ setupRequest: (request) => ({ ...request, ...toAutocannon(scenario.next(context)) }) }],
    });
    return {
      reqPerSec: round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors,
      statusCodes: statusCodes(result),
      rssMb: Math.max(peak, rssMb(server.process.pid)),
    };
  } finally {
    clearInterval(sampler);
  }
}

function statusCodes(result: autocannon.Result): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) codes[code] = count ?? 0;
  if (result.errors > 0) codes.socket = result.errors;
  return codes;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
