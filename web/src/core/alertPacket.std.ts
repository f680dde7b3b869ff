// Alert packets (docs/protocol.md C16; client/alert_packet.py):
//   packet = u8 1 || lp(AlertContent JSON, UTF-8) || FrankingReport;  sealed to the moderators, domain "alert".
import { Reader, concat, fromUtf8, lp, u8, utf8, type Bytes } from './encoding.std.js';
import { CryptoError } from './errors.std.js';
import { FrankingReport } from './franking.std.js';

export class AlertPacketError extends Error {
  override name = 'AlertPacketError';
}

export interface AlertExcerpt {
  term: string;
  category: string;
  tier: number;
  snippet: string;
  start: number;
  end: number;
}

export interface AlertContent {
  v: number;
  message_id: string;
  tier: number;
  categories: string[];
  language: string;
  excerpts: AlertExcerpt[];
}

/** Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False): keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function checkContent(raw: unknown): AlertContent {
  const o = raw as Record<string, unknown>;
  const keys = ['categories', 'excerpts', 'language', 'message_id', 'tier', 'v'];
  if (typeof o !== 'object' || o === null || Object.keys(o).sort().join() !== keys.join()) throw new AlertPacketError('AlertFormatError');
  if (o.v !== 1 || typeof o.message_id !== 'string' || !Number.isInteger(o.tier) || typeof o.language !== 'string'
    || !Array.isArray(o.categories) || !Array.isArray(o.excerpts)) throw new AlertPacketError('AlertFormatError');
  return o as unknown as AlertContent;
}

export class AlertPacket {
  constructor(
    readonly content: AlertContent,
    readonly report: FrankingReport,
  ) {}

  contentJson(): string {
    return canonicalJson(this.content);
  }

  encode(): Bytes {
    return concat(u8(1), lp(utf8(this.contentJson())), this.report.toBytes());
  }

  static decode(data: Bytes): AlertPacket {
    try {
      const r = new Reader(data);
      if (r.u8() !== 1) throw new AlertPacketError('unknown alert packet version');
      const content = checkContent(JSON.parse(fromUtf8(r.lp())));
      return new AlertPacket(content, FrankingReport.fromBytes(r.rest()));
    } catch (e) {
      if (e instanceof AlertPacketError) throw e;
      if (e instanceof CryptoError || e instanceof SyntaxError) throw new AlertPacketError(e.name);
      throw e;
    }
  }
}
