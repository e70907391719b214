import { createRequire } from 'node:module';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

/**
 * Temporal's JSON history format (the one `temporal workflow show --output json` writes), converted
 * with the protobufjs copy that `@temporalio/proto` itself uses.
 *
 * Why not `historyToJSON` / `historyFromJSON` from `@temporalio/common`: in this workspace npm could
 * not dedupe protobufjs 8 (the root has 7.x for @grpc/proto-loader), so `@temporalio/common` and
 * `@temporalio/proto` each got their own copy, and protojson's `instanceof Type` check fails across
 * them ("type must be a Type"). The logic below is the SDK's own (common/src/proto-utils.ts, 1.24).
 */
type ProtoJson = {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: unknown): unknown;
};

const protojson = createRequire(require.resolve('@temporalio/proto/package.json'))(
  'protobufjs/ext/protojson',
) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

export type History = proto.temporal.api.history.v1.IHistory;

export function historyToJson(history: History): string {
  const message = proto.temporal.api.history.v1.History.fromObject(history);
  return JSON.stringify(protojson.toJson(historyType, message), null, 2);
}

export function historyFromJson(json: unknown): History {
  const constantCase = (s: string) => s.replace(/[^\b][A-Z]/g, (m) => `${m[0]}_${m[1]}`).toUpperCase();
  const fixEnum = (obj: Record<string, any>, attr: string, prefix: string) =>
    obj[attr] && {
      [attr]: String(obj[attr]).startsWith(prefix)
        ? obj[attr]
        : `${prefix}_${constantCase(String(obj[attr]))}`,
    };
  const fixEvent = (e: Record<string, any>) => {
    const type = Object.keys(e).find((k) => k.endsWith('EventAttributes'));
    if (!type) throw new TypeError(`Missing attributes in history event: ${JSON.stringify(e)}`);
    const attrs = e[type];
    return {
      ...e,
      ...fixEnum(e, 'eventType', 'EVENT_TYPE'),
      [type]: {
        ...attrs,
        ...(attrs.taskQueue && {
          taskQueue: { ...attrs.taskQueue, ...fixEnum(attrs.taskQueue, 'kind', 'TASK_QUEUE_KIND') },
        }),
        ...fixEnum(attrs, 'parentClosePolicy', 'PARENT_CLOSE_POLICY'),
        ...fixEnum(attrs, 'workflowIdReusePolicy', 'WORKFLOW_ID_REUSE_POLICY'),
        ...fixEnum(attrs, 'initiator', 'CONTINUE_AS_NEW_INITIATOR'),
        ...fixEnum(attrs, 'retryState', 'RETRY_STATE'),
      },
    };
  };
  const events = (json as { events?: unknown }).events;
  if (!Array.isArray(events))
    throw new TypeError('Invalid history, expected an object with an array of events');
  const loaded = protojson.fromJson(
    historyType,
    { events: events.map(fixEvent) },
    { ignoreUnknownFields: true },
  );
  if (loaded === null) throw new TypeError('Invalid history');
  return loaded as History;
}
