ALTER TABLE `consents` ADD `binding` text;--> statement-breakpoint
ALTER TABLE `consents` ADD `contact_fingerprint` text;--> statement-breakpoint
-- Typed sharing consents from before consents were bound (issue 10): one naming the organisation of pinned contacts
-- (compared by throughcare_org_key: case, diacritics, punctuation and spaces ignored) is bound to each of them:
-- the row itself to the first by fingerprint, a copy to every other. The rest are kept, marked "needs review".
INSERT INTO `consents` (`id`, `client_id`, `kind`, `organisation`, `binding`, `contact_fingerprint`, `sections`, `given_on`, `expires_on`, `withdrawn_on`, `note`, `scan_attachment_id`, `recorded_by`, `created_at`)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
  c.`client_id`, c.`kind`, t.`organisation`, 'contact', t.`fingerprint`, c.`sections`, c.`given_on`, c.`expires_on`, c.`withdrawn_on`, c.`note`, c.`scan_attachment_id`, c.`recorded_by`, c.`created_at`
FROM `consents` c
JOIN `trusted_contacts` t ON t.`removed_at` IS NULL AND throughcare_org_key(t.`organisation`) = throughcare_org_key(c.`organisation`)
WHERE c.`kind` = 'sharing' AND c.`binding` IS NULL AND throughcare_org_key(c.`organisation`) <> ''
  AND t.`fingerprint` <> (SELECT min(t2.`fingerprint`) FROM `trusted_contacts` t2 WHERE t2.`removed_at` IS NULL AND throughcare_org_key(t2.`organisation`) = throughcare_org_key(c.`organisation`));
--> statement-breakpoint
UPDATE `consents` SET `binding` = 'contact', (`contact_fingerprint`, `organisation`) = (
  SELECT t.`fingerprint`, t.`organisation` FROM `trusted_contacts` t
  WHERE t.`removed_at` IS NULL AND throughcare_org_key(t.`organisation`) = throughcare_org_key(`consents`.`organisation`)
  ORDER BY t.`fingerprint` LIMIT 1)
WHERE `kind` = 'sharing' AND `binding` IS NULL AND throughcare_org_key(`organisation`) <> '' AND EXISTS (
  SELECT 1 FROM `trusted_contacts` t WHERE t.`removed_at` IS NULL AND throughcare_org_key(t.`organisation`) = throughcare_org_key(`consents`.`organisation`));
--> statement-breakpoint
UPDATE `consents` SET `binding` = 'needsReview' WHERE `kind` = 'sharing' AND `binding` IS NULL;
