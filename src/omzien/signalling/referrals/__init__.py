"""Referrals to the local offer (issue 9): what a caseworker records to find fitting help
(needs), the match page, the referral as a case action with its states, the warm handover
and the follow-up. See docs/referrals.md."""
