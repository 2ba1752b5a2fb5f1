import { apiError } from '../../../../shared/api';
import type { directoryCalls } from '../../../../shared/api/calls/directory';
import type { HandlersFor } from './types';
import { assertRegion, getService, insertService, listServices, markServiceRemoved, updateService } from '../../directory/serviceRepository';
import { applyImport, exportDirectory, previewImport, readDirectoryFile } from '../../directory/directoryImport';

// The directory holds organisations, not clients: changes are audited with ids and counts only.
export const directoryHandlers: HandlersFor<typeof directoryCalls> = {
  'directory.list': (input, ctx) => listServices(ctx.db, input),

  'directory.get': (input, ctx) => getService(ctx.db, input.id),

  'directory.create': (input, ctx) => {
    assertRegion(ctx.db, input.regionId);
    const id = ctx.change({ action: 'service.created', entityType: 'service', details: { type: input.type } }, (tx) => insertService(tx, input, ctx.now));
    return getService(ctx.db, id);
  },

  'directory.update': (input, ctx) => {
    const { id, ...fields } = input;
    const current = getService(ctx.db, id);
    if (current.removedAt) throw apiError('NOT_FOUND', 'The service was removed from the directory.', 'errors.serviceNotFound');
    assertRegion(ctx.db, fields.regionId, current.regionId);
    ctx.change({ action: 'service.updated', entityType: 'service', entityId: id, details: { type: fields.type } }, (tx) => updateService(tx, id, fields, ctx.now));
    return getService(ctx.db, id);
  },

  'directory.remove': (input, ctx) => {
    const current = getService(ctx.db, input.id);
    if (current.removedAt) throw apiError('NOT_FOUND', 'The service was already removed from the directory.', 'errors.serviceNotFound');
    ctx.change({ action: 'service.removed', entityType: 'service', entityId: input.id }, (tx) => markServiceRemoved(tx, input.id, ctx.now));
    return getService(ctx.db, input.id);
  },

  // Step 1 writes nothing at all, not even an audit entry: the user has not decided anything yet.
  'directory.previewImport': (input, ctx) => previewImport(ctx.db, input.format, input.content),

  'directory.confirmImport': (input, ctx) => {
    const parsed = readDirectoryFile(ctx.db, input.format, input.content);
    if (parsed.rows.length === 0) return { created: 0, updated: 0, errors: parsed.errors };
    const preview = previewImport(ctx.db, input.format, input.content);
    const updates = preview.rows.filter((r) => r.action === 'update').length;
    return ctx.change(
      {
        action: 'directory.imported',
        entityType: 'service',
        details: { format: input.format, created: parsed.rows.length - updates, updated: updates, skipped: parsed.errors.length },
      },
      (tx) => applyImport(tx, parsed, ctx.now),
    );
  },

  'directory.export': (input, ctx) => {
    const list = listServices(ctx.db, { regionId: input.regionId, type: input.type, search: '', includeRemoved: false });
    const file = exportDirectory(list, input.format, ctx.now);
    ctx.audit({ action: 'directory.exported', entityType: 'service', details: { format: input.format, count: list.length } });
    return { ...file, count: list.length };
  },
};
