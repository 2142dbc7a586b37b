"""Everything that touches the data folder: files, the index, search, trash, import and export.

Nothing here imports Textual or a screen. Import from the submodules
(`meetingdesk.storage.store`, `meetingdesk.storage.files`...): this package loads
nothing by itself, so the start-up path stays light.
"""
