import type Database from 'better-sqlite3';
import { m001 } from './001-init';
import { m002 } from './002-roster-batches';
import { m003 } from './003-layout-mappings';
import { m004 } from './004-kpi';
import { m005 } from './005-events';
import { m006 } from './006-dirty-months';
import { m007 } from './007-dirty-event-days';
import { m008 } from './008-event-day-indexes';
import { m009 } from './009-results-store';
import { m010 } from './010-handover-marker';
import { m011 } from './011-message-key-index';
import { m012 } from './012-evidence-on-demand';
import { m013 } from './013-clients-shops';
import { m014 } from './014-fact-rows';
import { m015 } from './015-scope-rows';
import { m016 } from './016-stored-overview';
import { m017 } from './017-packed-messages';
import { m018 } from './018-metric-results-by-month';
import { m019 } from './019-scope-heads';
import { m020 } from './020-drop-facts-period';
import { m021 } from './021-message-day-index';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Ordered: one entry per schema version. */
export const MIGRATIONS: Migration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
  m018,
  m019,
  m020,
  m021,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
