-- Languages (issue 22): a pact's own section text kept when the pact's language changed is
-- flagged with the language it was written in, to be translated. (The glossary's
-- definitions are messages of the bundles, edited as translations: table translations.)
ALTER TABLE pact_sections ADD COLUMN translate TEXT NOT NULL DEFAULT '';
