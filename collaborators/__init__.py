"""The opinion network of each unit and what it hears (dispatch 360, tasks 1 and 2).

Settings this app reads (none is required):
- COLLABORATORS_TARGET_PER_100 (2.0): collaborators per 100 members a unit should have;
  units below it are flagged on the coverage page and in the reports.
- COLLABORATORS_UPLOAD_MAX_MB (5): largest decision scan.
- COLLABORATORS_IMPORT_MAX_MB (10): largest roster upload.
- ROSTER_IMPORT_MAX_ROWS (10000; formerly COLLABORATORS_IMPORT_MAX_ROWS, still read),
  ROSTER_IMPORT_MAX_UNCOMPRESSED_BYTES (40 MB), ROSTER_IMPORT_MAX_COMPRESSION_RATIO (100):
  a roster workbook beyond these is refused before it is opened (zip bombs).
Uploaded files go to the default storage under MEDIA_ROOT (private: no URL serves it).
"""
