"""The prescriber's pages: referrals and how they went."""
