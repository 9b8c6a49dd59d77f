"""Treaty facts: the cards, their reader links and the library's Treaties view."""
