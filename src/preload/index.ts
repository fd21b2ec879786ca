/**
 * The bridge: one function per API method, each a fixed IPC channel, plus `subscribe`. Never ipcRenderer itself or a
 * generic send (architecture.md #1). Runs sandboxed, so it may only require 'electron': everything from src/shared is
 * imported as types.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Api, AppEvent, Input, MethodName, Output, Result } from '../shared/api';

/** Must equal EVENT_CHANNEL in src/main/shell/index.ts. */
const EVENT_CHANNEL = 'scoredesk:event';

function invoke<M extends MethodName>(method: M): (input: Input<M>) => Promise<Result<Output<M>>> {
  return (input) => ipcRenderer.invoke(method, input) as Promise<Result<Output<M>>>;
}

const api = {
  'app:info': invoke('app:info'),
  'import:start': invoke('import:start'),
  'import:history': invoke('import:history'),
  'import:undo': invoke('import:undo'),
  'job:cancel': invoke('job:cancel'),
  'job:list': invoke('job:list'),
  'report:months': invoke('report:months'),
  'report:month': invoke('report:month'),
  'report:drill': invoke('report:drill'),
  'report:overview': invoke('report:overview'),
  'report:agents': invoke('report:agents'),
  'report:scopes': invoke('report:scopes'),
  'report:scope': invoke('report:scope'),
  'roster:list': invoke('roster:list'),
  'roster:saveAgent': invoke('roster:saveAgent'),
  'roster:deleteAgent': invoke('roster:deleteAgent'),
  'roster:assign': invoke('roster:assign'),
  'roster:unassign': invoke('roster:unassign'),
  'rules:list': invoke('rules:list'),
  'rules:save': invoke('rules:save'),
  'rules:delete': invoke('rules:delete'),
  'mapping:targets': invoke('mapping:targets'),
  'mapping:list': invoke('mapping:list'),
  'mapping:save': invoke('mapping:save'),
  'mapping:delete': invoke('mapping:delete'),
  'scheme:list': invoke('scheme:list'),
  'scheme:get': invoke('scheme:get'),
  'scheme:save': invoke('scheme:save'),
  'scheme:delete': invoke('scheme:delete'),
  'scheme:whatif': invoke('scheme:whatif'),
  'kpi:month': invoke('kpi:month'),
  'kci:list': invoke('kci:list'),
  'kci:save': invoke('kci:save'),
  'month:info': invoke('month:info'),
  'month:lock': invoke('month:lock'),
  'month:unlock': invoke('month:unlock'),
  'schedule:info': invoke('schedule:info'),
  'schedule:save': invoke('schedule:save'),
  'schedule:runNow': invoke('schedule:runNow'),
  'ratings:month': invoke('ratings:month'),
  'ratings:appeal': invoke('ratings:appeal'),
  'exams:list': invoke('exams:list'),
  'exams:add': invoke('exams:add'),
  'exams:attempt': invoke('exams:attempt'),
  'report:evidence': invoke('report:evidence'),
  'report:reconcile': invoke('report:reconcile'),
  'settings:get': invoke('settings:get'),
  'settings:save': invoke('settings:save'),
  'import:template': invoke('import:template'),
  'sheet:preview': invoke('sheet:preview'),
  'sheet:export': invoke('sheet:export'),
  'watch:scan': invoke('watch:scan'),
  'demo:load': invoke('demo:load'),
  'kci:import': invoke('kci:import'),
  'db:backup': invoke('db:backup'),
  'db:restore': invoke('db:restore'),
  'backup:list': invoke('backup:list'),
  'backup:restore': invoke('backup:restore'),
  'backup:settings': invoke('backup:settings'),
  'app:openFolder': invoke('app:openFolder'),
  'agent:page': invoke('agent:page'),
  'alerts:list': invoke('alerts:list'),
  'alerts:settings': invoke('alerts:settings'),
  'alerts:notified': invoke('alerts:notified'),
  'clients:list': invoke('clients:list'),
  'clients:save': invoke('clients:save'),
  'clients:delete': invoke('clients:delete'),
  'shops:list': invoke('shops:list'),
  'shops:assignClient': invoke('shops:assignClient'),
  'shops:rename': invoke('shops:rename'),
  'shops:mergePreview': invoke('shops:mergePreview'),
  'shops:merge': invoke('shops:merge'),
  subscribe(listener: (event: AppEvent) => void): () => void {
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent): void => listener(appEvent);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
} satisfies Api;

contextBridge.exposeInMainWorld('scoredesk', api);
