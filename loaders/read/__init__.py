"""Reading: files and folders into pages (text, HTML, feeds) or coded rows (ACLED, UCDP GED exports).

`pages.py` holds the page value and the readers of text and HTML files, `feeds.py` RSS/Atom feeds
(one page per item), `datasets.py` the CSV exports that skip extraction. Nothing here extracts.
"""
