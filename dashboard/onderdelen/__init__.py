"""UI pieces shared by pages: URL state, cards, tables, the corona switch and the export toolbar."""
