"""`python -m meetingdesk`."""

from meetingdesk.cli import main

raise SystemExit(main())
