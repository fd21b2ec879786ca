/**
 * Sessions and rounds from chat rows (metrics.md §1). One linear pass over rows ordered by (time, seq), grouped by
 * session id, else by (platform, shop, account, buyer) with JD's 10-minute continuation rule.
 */
import type { Platform } from '../domain';
import { UNASSIGNED_ACCOUNT } from '../domain';
import { sub } from './nested';
import { effectiveSender, isUnassigned, normalizeAccount, type Message, type Sender } from './types';

export interface Round {
  /** The buyer message that opened it, or the hand-over time for a question still pending at the hand-over. */
  start: number;
  /** First manual reply at or after the start; null = unanswered. */
  reply: number | null;
  /** reply − start, seconds; null = unanswered. */
  wait: number | null;
  /** Buyer messages of the manual phase that belong to this round (bot-phase questions are not counted). */
  buyerMessages: number;
}

/**
 * `unassigned`: no agent was ever assigned (pseudo-account `未分配`); `bot_only`: robot rows, no manual reply, no
 * hand-over marker; `manual`: everything else.
 */
export type SessionKind = 'unassigned' | 'bot_only' | 'manual';

export interface Session {
  platform: Platform;
  shop: string;
  /** The receiving account; `未分配` for every unassigned variant. */
  account: string;
  buyer: string;
  sessionId: string | null;
  kind: SessionKind;
  /** First row, any sender. */
  start: number;
  /** Last row, any sender. */
  end: number;
  /** The hand-over to a human (marker row or 接入时间), if the records show one. */
  handover: number | null;
  /** The first buyer-or-agent row is the buyer's (merchant-initiated sessions are not, metrics.md §6). */
  buyerInitiated: boolean;
  /** Rounds in order; empty for bot-only sessions. */
  rounds: Round[];
  /** Buyer messages of the manual phase (Σ round.buyerMessages): the answer-ratio denominator. */
  buyerMessages: number;
  /** Manual replies: the answer-ratio numerator. */
  agentMessages: number;
  botMessages: number;
  firstManualReply: number | null;
  lastManualReply: number | null;
  rows: number;
}

/** Without session ids, a buyer message more than this long after the previous row starts a new session. */
export const SESSION_GAP_S = 600;

const MARKER = /转人工|接入|分配/;

/** A 系统 row announcing the hand-over to a human. `未分配` notices say the opposite, so they are not markers. */
export function isHandoverMarker(content: string | undefined): boolean {
  return content !== undefined && MARKER.test(content) && !content.includes('未分配');
}

class SessionBuilder {
  manual = false;
  tentStart = 0;
  tentBuyers = 0;
  botSinceBuyer = false;
  open: Round | null = null;
  readonly rounds: Round[] = [];
  handover: number | null = null;
  pendingHandover = Infinity;
  agent = 0;
  bot = 0;
  rows = 0;
  firstManual: number | null = null;
  lastManual: number | null = null;
  firstHuman: Sender | null = null;
  last: number;

  constructor(
    readonly platform: Platform,
    readonly shop: string,
    public account: string,
    readonly buyer: string,
    readonly sessionId: string | null,
    readonly start: number,
  ) {
    this.last = start;
  }

  /** A round open in the sense of the continuation rule: a buyer is waiting for someone. */
  waiting(): boolean {
    // before any manual activity, a robot answer means the buyer is not waiting on a person
    return this.manual ? this.open !== null : this.tentBuyers > 0 && !this.botSinceBuyer;
  }

  handOver(at: number): void {
    if (this.manual) return;
    this.manual = true;
    this.handover = at;
    if (this.tentBuyers > 0) {
      // the pending question waits from the hand-over, not from when the robot first saw it
      this.open = { start: Math.max(at, this.tentStart), reply: null, wait: null, buyerMessages: 0 };
      this.rounds.push(this.open);
      this.tentBuyers = 0;
    }
  }

  add(m: Message, sender: Sender): void {
    const t = m.time;
    if (this.pendingHandover <= t) {
      this.handOver(this.pendingHandover);
      this.pendingHandover = Infinity;
    }
    if (m.handoverAt !== undefined && m.handoverAt !== null) {
      if (m.handoverAt <= t) this.handOver(m.handoverAt);
      else if (m.handoverAt < this.pendingHandover) this.pendingHandover = m.handoverAt;
    }
    this.rows++;
    this.last = t;
    switch (sender) {
      case 'buyer':
        if (this.firstHuman === null) this.firstHuman = 'buyer';
        if (this.manual) {
          if (this.open) this.open.buyerMessages++;
          else {
            this.open = { start: t, reply: null, wait: null, buyerMessages: 1 };
            this.rounds.push(this.open);
          }
        } else {
          if (this.tentBuyers === 0) this.tentStart = t;
          this.tentBuyers++;
          this.botSinceBuyer = false;
        }
        break;
      case 'agent':
        if (this.firstHuman === null) this.firstHuman = 'agent';
        this.agent++;
        if (this.firstManual === null) this.firstManual = t;
        this.lastManual = t;
        if (!this.manual) {
          // no marker: rounds started at the buyer's messages, and the robot's answers did not stop the clock
          this.manual = true;
          if (this.tentBuyers > 0) {
            this.open = { start: this.tentStart, reply: null, wait: null, buyerMessages: this.tentBuyers };
            this.rounds.push(this.open);
            this.tentBuyers = 0;
          }
        }
        if (this.open) {
          this.open.reply = t;
          this.open.wait = t - this.open.start;
          this.open = null;
        }
        break;
      case 'bot':
        this.bot++;
        if (!this.manual) this.botSinceBuyer = true;
        break;
      case 'system':
        if (!this.manual && isHandoverMarker(m.content)) this.handOver(t);
        break;
    }
  }

  finish(): Session {
    if (this.pendingHandover !== Infinity) this.handOver(this.pendingHandover);
    const botOnly = this.bot > 0 && this.agent === 0 && this.handover === null;
    const kind: SessionKind = botOnly ? 'bot_only' : isUnassigned(this.account) ? 'unassigned' : 'manual';
    let rounds = this.rounds;
    if (botOnly) rounds = [];
    else if (!this.manual && this.tentBuyers > 0) {
      // nobody ever answered and nothing marks a hand-over: rounds start at the buyer message
      rounds.push({ start: this.tentStart, reply: null, wait: null, buyerMessages: this.tentBuyers });
    }
    let buyerMessages = 0;
    for (const r of rounds) buyerMessages += r.buyerMessages;
    return {
      platform: this.platform,
      shop: this.shop,
      account: this.account,
      buyer: this.buyer,
      sessionId: this.sessionId,
      kind,
      start: this.start,
      end: this.last,
      handover: this.handover,
      buyerInitiated: this.firstHuman === 'buyer',
      rounds,
      buyerMessages,
      agentMessages: this.agent,
      botMessages: this.bot,
      firstManualReply: this.firstManual,
      lastManualReply: this.lastManual,
      rows: this.rows,
    };
  }
}

/** Row indexes in (time, seq, input) order; no copy work when the input is already in that order. */
export function chronologicalOrder(messages: readonly Message[]): number[] {
  const order = new Array<number>(messages.length);
  for (let i = 0; i < messages.length; i++) order[i] = i;
  sortGroup(messages, order);
  return order;
}

let sortSource: readonly Message[] = [];
function byTimeSeq(x: number, y: number): number {
  const a = sortSource[x]!;
  const b = sortSource[y]!;
  return a.time - b.time || a.seq - b.seq || x - y;
}

/** Sorts row indexes by (time, seq, input order) in place, unless they already are. */
function sortGroup(messages: readonly Message[], g: number[]): void {
  for (let i = 1; i < g.length; i++) {
    const a = messages[g[i - 1]!]!;
    const b = messages[g[i]!]!;
    if (a.time > b.time || (a.time === b.time && (a.seq > b.seq || (a.seq === b.seq && g[i - 1]! > g[i]!)))) {
      sortSource = messages;
      g.sort(byTimeSeq);
      sortSource = [];
      return;
    }
  }
}

/**
 * Sessions from chat rows of any platforms and shops, in any order. Rows sharing a session id form one session
 * (split where another assigned account takes over: a transfer is a new session); rows without one are cut per
 * (platform, shop, account, buyer) at a buyer message more than 10 minutes after the previous row, unless a buyer
 * is still waiting for a reply.
 */
export function buildSessions(messages: readonly Message[]): Session[] {
  // platform → shop → session id → rows, and platform → shop → account → buyer → rows
  const byId = new Map<Platform, Map<string, Map<string, number[]>>>();
  const byBuyer = new Map<Platform, Map<string, Map<string, Map<string, number[]>>>>();
  const groups: number[][] = [];
  // rows of one file come shop by shop: reuse the last shop's maps instead of walking down from the root
  let lastPlatform: Platform | null = null;
  let lastShop: string | null = null;
  let ids: Map<string, number[]> | null = null;
  let accounts: Map<string, Map<string, number[]>> | null = null;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.platform !== lastPlatform || m.shop !== lastShop) {
      lastPlatform = m.platform;
      lastShop = m.shop;
      ids = null;
      accounts = null;
    }
    let g: number[] | undefined;
    if (m.sessionId !== null && m.sessionId !== '') {
      ids ??= sub(sub(byId, m.platform), m.shop);
      g = ids.get(m.sessionId);
      if (!g) {
        g = [];
        ids.set(m.sessionId, g);
        groups.push(g);
      }
    } else {
      accounts ??= sub(sub(byBuyer, m.platform), m.shop);
      const buyers = sub(accounts, normalizeAccount(m.account));
      g = buyers.get(m.buyer);
      if (!g) {
        g = [];
        buyers.set(m.buyer, g);
        groups.push(g);
      }
    }
    g.push(i);
  }

  const out: Session[] = [];
  for (const g of groups) {
    sortGroup(messages, g);
    const first = messages[g[0]!]!;
    const hasId = first.sessionId !== null && first.sessionId !== '';
    let b = new SessionBuilder(
      first.platform,
      first.shop,
      normalizeAccount(first.account),
      first.buyer,
      hasId ? first.sessionId : null,
      first.time,
    );
    for (const i of g) {
      const m = messages[i]!;
      const sender = effectiveSender(m);
      if (hasId) {
        const account = normalizeAccount(m.account);
        if (account !== UNASSIGNED_ACCOUNT && account !== b.account) {
          if (b.account === UNASSIGNED_ACCOUNT) b.account = account;
          else {
            out.push(b.finish());
            b = new SessionBuilder(m.platform, m.shop, account, b.buyer, b.sessionId, m.time);
          }
        }
      } else if (b.rows > 0 && sender === 'buyer' && m.time - b.last > SESSION_GAP_S && !b.waiting()) {
        const pending = b.pendingHandover;
        if (pending >= m.time) b.pendingHandover = Infinity;
        out.push(b.finish());
        b = new SessionBuilder(m.platform, m.shop, b.account, m.buyer, null, m.time);
        // a 接入时间 seen on the old session's rows that lies in the new one belongs to it
        if (pending !== Infinity && pending >= m.time) b.pendingHandover = pending;
      }
      b.add(m, sender);
    }
    out.push(b.finish());
  }
  return out;
}
