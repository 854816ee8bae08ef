"""Reading sources (files, folders, stdin, feeds, URLs) into `Article` records."""
