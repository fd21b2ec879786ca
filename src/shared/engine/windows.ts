/**
 * Service windows (metrics.md §1): half-open China wall-clock intervals `[start, end)` to the second, taken from the
 * rule version in force on each China day. A round counts when it starts inside; a session counts when it has a
 * counted round (on JD: when it also starts inside).
 */
import type { Day, Platform } from '../domain';
import type { RuleVersion, ServiceWindow } from '../rules';
import { DAY_S, DayNames, dayIndex, indexStart } from './days';
import { sub } from './nested';
import { engineRule, RuleCache, RULE_KEYS } from './rule-defaults';
import type { Round, Session } from './sessions';

export type WindowKey = 'window.service' | 'window.reply_3min' | 'window.rating';

/** Seconds after China midnight; `24:00` is 86400. Null for anything else. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (mi > 59 || s > 59 || h > 24 || (h === 24 && (mi > 0 || s > 0))) return null;
  return h * 3600 + mi * 60 + s;
}

/** A window as seconds after midnight. A missing rule means the whole day (no window). */
export interface ClockWindow {
  start: number;
  end: number;
}

const WHOLE_DAY: ClockWindow = { start: 0, end: DAY_S };

/**
 * The window of a key on a day. `window.reply_3min` falls back to `window.service` (only taobao has its own); any
 * other missing key is the whole day. An unreadable or empty window (end ≤ start) admits nothing.
 */
export function windowOn(
  rules: readonly RuleVersion[],
  platform: Platform,
  key: WindowKey,
  day: Day,
): ClockWindow {
  let w = engineRule<ServiceWindow | null>(rules, platform, key, day, null);
  if (!w && key === 'window.reply_3min')
    w = engineRule<ServiceWindow | null>(rules, platform, RULE_KEYS.serviceWindow, day, null);
  if (!w) return WHOLE_DAY;
  const start = parseClock(w.start);
  const end = parseClock(w.end);
  if (start === null || end === null || end <= start) return { start: 0, end: 0 };
  return { start, end };
}

/** A platform-day's windows as epoch intervals `[from, to)`, and the flags the per-session loops read. */
export interface DayRules {
  serviceFrom: number;
  serviceTo: number;
  reply3From: number;
  reply3To: number;
  mustStartInside: boolean;
  /** `orders.pay_window_days`. */
  payWindowDays: number;
}

/**
 * Answers "is this instant inside the window" for one immutable rule list, resolving each (platform, key, day) once.
 * Hot loops hold one of these; `inWindow` shares one per rule list.
 */
export class WindowResolver {
  private readonly byPlatform = new Map<Platform, Map<WindowKey, Map<number, ClockWindow>>>();
  readonly days = new DayNames();
  readonly flags: RuleCache;
  private readonly flagCache = new Map<Platform, Map<string, Map<number, unknown>>>();
  private readonly dayRules = new Map<Platform, Map<number, DayRules>>();

  constructor(readonly rules: readonly RuleVersion[]) {
    this.flags = new RuleCache(rules);
  }

  window(platform: Platform, key: WindowKey, idx: number): ClockWindow {
    const days = sub(sub(this.byPlatform, platform), key);
    let w = days.get(idx);
    if (!w) {
      w = windowOn(this.rules, platform, key, this.days.name(idx));
      days.set(idx, w);
    }
    return w;
  }

  /** A rule value on a day index, resolved once per (platform, key, day). */
  flag<V>(platform: Platform, key: string, idx: number, fallback: V): V {
    const days = sub(sub(this.flagCache, platform), key);
    if (days.has(idx)) return days.get(idx) as V;
    const v = this.flags.get(platform, key, this.days.name(idx), fallback);
    days.set(idx, v);
    return v;
  }

  /** Everything the message metrics ask about one platform-day, resolved once. */
  day(platform: Platform, idx: number): DayRules {
    const days = sub(this.dayRules, platform);
    let r = days.get(idx);
    if (!r) {
      const start = indexStart(idx);
      const service = this.window(platform, 'window.service', idx);
      const reply3 = this.window(platform, 'window.reply_3min', idx);
      r = {
        serviceFrom: start + service.start,
        serviceTo: start + service.end,
        reply3From: start + reply3.start,
        reply3To: start + reply3.end,
        mustStartInside: this.flag(platform, RULE_KEYS.sessionMustStartInside, idx, false),
        payWindowDays: this.flag(platform, RULE_KEYS.payWindowDays, idx, 0),
      };
      days.set(idx, r);
    }
    return r;
  }

  contains(platform: Platform, key: WindowKey, epochS: number): boolean {
    const idx = dayIndex(epochS);
    const w = this.window(platform, key, idx);
    const s = epochS - indexStart(idx);
    return s >= w.start && s < w.end;
  }
}

const shared = new WeakMap<readonly RuleVersion[], WindowResolver>();

/** The resolver for a rule list (rule lists are treated as immutable: edit by building a new list). */
export function resolverFor(rules: readonly RuleVersion[]): WindowResolver {
  let r = shared.get(rules);
  if (!r) {
    r = new WindowResolver(rules);
    shared.set(rules, r);
  }
  return r;
}

/** Is the instant inside the platform's window for this key, by the rule version in force on its China day? */
export function inWindow(
  platform: Platform,
  epochS: number,
  key: WindowKey,
  rules: readonly RuleVersion[],
): boolean {
  return resolverFor(rules).contains(platform, key, epochS);
}

/** JD: sessions starting outside the service window are dropped from every metric (a rule flag, metrics.md §1). */
export function isSessionExcluded(session: Session, resolver: WindowResolver): boolean {
  const r = resolver.day(session.platform, dayIndex(session.start));
  return r.mustStartInside && !(session.start >= r.serviceFrom && session.start < r.serviceTo);
}

/** Rounds of a session that start inside the key's window. */
export function countedRounds(session: Session, key: WindowKey, resolver: WindowResolver): Round[] {
  if (session.kind === 'bot_only') return [];
  return session.rounds.filter((r) => resolver.contains(session.platform, key, r.start));
}

/**
 * A manual or unassigned session with at least one counted round; on a platform with `window.session_must_start_inside`
 * (JD) only if it also starts inside the window.
 */
export function isCountedSession(session: Session, key: WindowKey, resolver: WindowResolver): boolean {
  if (session.kind === 'bot_only' || isSessionExcluded(session, resolver)) return false;
  for (const r of session.rounds) if (resolver.contains(session.platform, key, r.start)) return true;
  return false;
}
