"""The site's business rules, free of pages and transport."""
