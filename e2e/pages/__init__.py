"""Page objects: what a student does on each page, in the site's own words."""
