"""Information reports (信息报送), information requests and bulletins (简报), after the
joint-meeting rules §五(一), §二 duty 5 and §六(六) (docs/INFORMATION.md)."""
