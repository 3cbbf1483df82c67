"""The trainer's pages: meetings, roll call, signatures, diplomas, hand-overs, exercises."""
