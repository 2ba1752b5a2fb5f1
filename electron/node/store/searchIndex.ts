/**
 * Full-text search over client names, codes and notes and over the contact log (W2, W6).
 *
 * Two FTS5 tables with external content (the text is stored once, in `clients` / `contact_notes`), kept in
 * step by triggers so no caller can forget to index. The `unicode61 remove_diacritics 2` tokenizer folds
 * case and diacritics, so "zluty" finds "žlutý"; the prefix indexes make type-ahead prefix queries cheap.
 * Created at store open (like the audit triggers) because drizzle's schema language has no virtual tables.
 */
export const SEARCH_INDEX_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS client_search USING fts5(
  code, first_name, last_name, notes,
  content='clients', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
CREATE TRIGGER IF NOT EXISTS clients_search_ai AFTER INSERT ON clients BEGIN
  INSERT INTO client_search(rowid, code, first_name, last_name, notes) VALUES (new.rowid, new.code, new.first_name, new.last_name, new.notes);
END;
CREATE TRIGGER IF NOT EXISTS clients_search_ad AFTER DELETE ON clients BEGIN
  INSERT INTO client_search(client_search, rowid, code, first_name, last_name, notes) VALUES ('delete', old.rowid, old.code, old.first_name, old.last_name, old.notes);
END;
CREATE TRIGGER IF NOT EXISTS clients_search_au AFTER UPDATE OF code, first_name, last_name, notes ON clients BEGIN
  INSERT INTO client_search(client_search, rowid, code, first_name, last_name, notes) VALUES ('delete', old.rowid, old.code, old.first_name, old.last_name, old.notes);
  INSERT INTO client_search(rowid, code, first_name, last_name, notes) VALUES (new.rowid, new.code, new.first_name, new.last_name, new.notes);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS note_search USING fts5(
  participants, notes,
  content='contact_notes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
CREATE TRIGGER IF NOT EXISTS contact_notes_search_ai AFTER INSERT ON contact_notes BEGIN
  INSERT INTO note_search(rowid, participants, notes) VALUES (new.rowid, new.participants, new.notes);
  UPDATE clients SET last_contact_at = new.at WHERE id = new.client_id AND (last_contact_at IS NULL OR last_contact_at < new.at);
END;
CREATE TRIGGER IF NOT EXISTS contact_notes_search_ad AFTER DELETE ON contact_notes BEGIN
  INSERT INTO note_search(note_search, rowid, participants, notes) VALUES ('delete', old.rowid, old.participants, old.notes);
  UPDATE clients SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE client_id = old.client_id) WHERE id = old.client_id;
END;
CREATE TRIGGER IF NOT EXISTS contact_notes_search_au AFTER UPDATE ON contact_notes BEGIN
  INSERT INTO note_search(note_search, rowid, participants, notes) VALUES ('delete', old.rowid, old.participants, old.notes);
  INSERT INTO note_search(rowid, participants, notes) VALUES (new.rowid, new.participants, new.notes);
  UPDATE clients SET last_contact_at = (SELECT max(at) FROM contact_notes WHERE client_id = new.client_id) WHERE id = new.client_id;
END;
`;

/**
 * Turns what the user typed into a safe FTS5 query: every word becomes a quoted prefix term, all must match.
 * FTS syntax characters in the input are never interpreted. Returns null when nothing searchable remains.
 */
export function toFtsQuery(typed: string): string | null {
  const words = typed.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = words.slice(0, 8).map((w) => `"${w}"*`);
  return terms.length ? terms.join(' ') : null;
}
