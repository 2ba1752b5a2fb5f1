import type Database from 'better-sqlite3';
import { sql, type SQLWrapper } from 'drizzle-orm';

/**
 * Full-text search over client names, codes, client notes and the whole contact log (W2, W6).
 *
 * One FTS5 document per client holding the client's code, names, notes and every contact note. Searching
 * per client rather than per note keeps a query's work bounded by the number of clients (10,000), not by
 * the number of notes that contain a common word (tens of thousands at 500,000 notes), and lets a search
 * combine a name with a word from a note. The table is contentless (the text lives only in `clients` and
 * `contact_notes`) with `contentless_delete`, and triggers refresh a client's document on every change,
 * so no caller can forget to index. The `unicode61 remove_diacritics 2` tokenizer folds case and
 * diacritics ("zluty" finds "žlutý"); every typed word is a prefix query. `detail=none` keeps no word
 * positions: searches never need phrases or snippets, and the index is smaller and faster without them.
 * Created at store open (like the audit triggers) because drizzle's schema language has no virtual tables.
 */
const CLIENT_DOCUMENT = (clientRowid: string) => `
  SELECT c.rowid, c.code || ' ' || c.first_name || ' ' || c.last_name || ' ' || c.notes || ' ' ||
    coalesce((SELECT group_concat(n.participants || ' ' || n.notes, ' ') FROM contact_notes n WHERE n.client_id = c.id), '')
  FROM clients c WHERE c.rowid = ${clientRowid}`;

const REFRESH = (clientRowid: string) => `
  DELETE FROM client_search WHERE rowid = ${clientRowid};
  INSERT INTO client_search(rowid, body) ${CLIENT_DOCUMENT(clientRowid)};`;

const NOTE_TRIGGER_LIST = [
  `CREATE TRIGGER IF NOT EXISTS contact_notes_search_ai AFTER INSERT ON contact_notes BEGIN
  ${REFRESH('(SELECT rowid FROM clients WHERE id = new.client_id)')}
  UPDATE clients SET last_contact_at = new.at WHERE id = new.client_id AND (last_contact_at IS NULL OR last_contact_at < new.at);
END;`,
  `CREATE TRIGGER IF NOT EXISTS contact_notes_search_ad AFTER DELETE ON contact_notes BEGIN
  ${REFRESH('(SELECT rowid FROM clients WHERE id = old.client_id)')}
  UPDATE clients SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE client_id = old.client_id) WHERE id = old.client_id;
END;`,
  `CREATE TRIGGER IF NOT EXISTS contact_notes_search_au AFTER UPDATE ON contact_notes BEGIN
  ${REFRESH('(SELECT rowid FROM clients WHERE id = old.client_id)')}
  ${REFRESH('(SELECT rowid FROM clients WHERE id = new.client_id)')}
  UPDATE clients SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE client_id = new.client_id) WHERE id = new.client_id;
END;`,
];
const NOTE_TRIGGERS = NOTE_TRIGGER_LIST.join('\n');
const DROP_NOTE_TRIGGERS = ['contact_notes_search_ai', 'contact_notes_search_ad', 'contact_notes_search_au'].map((t) => `DROP TRIGGER IF EXISTS ${t}`);

export const SEARCH_INDEX_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS client_search USING fts5(
  body, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS clients_search_ai AFTER INSERT ON clients BEGIN
  ${REFRESH('new.rowid')}
END;
CREATE TRIGGER IF NOT EXISTS clients_search_ad AFTER DELETE ON clients BEGIN
  DELETE FROM client_search WHERE rowid = old.rowid;
END;
CREATE TRIGGER IF NOT EXISTS clients_search_au AFTER UPDATE OF code, first_name, last_name, notes ON clients BEGIN
  ${REFRESH('new.rowid')}
END;
${NOTE_TRIGGERS}`;

/** Rebuilds every client's document in one pass (after a bulk load, or after VACUUM renumbered rowids). */
export function rebuildSearchIndex(sqlite: Database.Database): void {
  sqlite.exec(`DELETE FROM client_search;
    INSERT INTO client_search(rowid, body)
    SELECT c.rowid, c.code || ' ' || c.first_name || ' ' || c.last_name || ' ' || c.notes || ' ' || coalesce(n.body, '')
    FROM clients c LEFT JOIN (SELECT client_id, group_concat(participants || ' ' || notes, ' ') AS body FROM contact_notes GROUP BY client_id) n ON n.client_id = c.id;`);
}

/**
 * Bulk insert of contact notes (demo data, imports): the per-note triggers would re-index a client's whole
 * document for every note, so they are dropped for the load and the documents rebuilt once at the end —
 * all in the caller's transaction, so a failure leaves triggers and index as they were.
 */
export function withBulkNoteLoad<T>(sqlite: Database.Database, load: () => T): T {
  return sqlite.transaction(() => {
    sqlite.exec('DROP TRIGGER IF EXISTS contact_notes_search_ai; DROP TRIGGER IF EXISTS contact_notes_search_ad; DROP TRIGGER IF EXISTS contact_notes_search_au;');
    const result = load();
    sqlite.exec(`UPDATE clients SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE client_id = clients.id)`);
    rebuildSearchIndex(sqlite);
    sqlite.exec(NOTE_TRIGGERS);
    return result;
  })();
}

/**
 * The same for one client inside the caller's open transaction (a handover import of a long-term client with
 * thousands of notes): the per-note triggers are dropped for the load, that client's document and last contact are
 * rebuilt once, the triggers restored. Linear in the notes instead of quadratic; a rollback restores the triggers.
 * Takes the drizzle transaction (one statement per call), so that it runs wherever the caller's writes run.
 */
export function withClientNoteLoad<T>(tx: { run(query: SQLWrapper): unknown }, load: () => { clientId: string; result: T }): T {
  for (const statement of DROP_NOTE_TRIGGERS) tx.run(sql.raw(statement));
  const { clientId, result } = load();
  tx.run(sql`UPDATE clients SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE client_id = clients.id) WHERE id = ${clientId}`);
  tx.run(sql`DELETE FROM client_search WHERE rowid = (SELECT rowid FROM clients WHERE id = ${clientId})`);
  tx.run(sql`INSERT INTO client_search(rowid, body)
    SELECT c.rowid, c.code || ' ' || c.first_name || ' ' || c.last_name || ' ' || c.notes || ' ' ||
      coalesce((SELECT group_concat(n.participants || ' ' || n.notes, ' ') FROM contact_notes n WHERE n.client_id = c.id), '')
    FROM clients c WHERE c.id = ${clientId}`);
  for (const statement of NOTE_TRIGGER_LIST) tx.run(sql.raw(statement));
  return result;
}

/**
 * Turns what the user typed into a safe FTS5 query: every word becomes a quoted prefix term, all must match.
 * FTS syntax characters in the input are never interpreted. Returns null when nothing searchable remains.
 */
export function toFtsQuery(typed: string): string | null {
  // One-letter words would match most of the index: they are skipped, like punctuation.
  const words = (typed.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2);
  const terms = words.slice(0, 8).map((w) => `"${w}"*`);
  return terms.length ? terms.join(' ') : null;
}
