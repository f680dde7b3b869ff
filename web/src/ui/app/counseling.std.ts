// What a member's request and a counselor's console share: the help topics (their strings are `topic_<name>` in
// app/strings.std.ts) and the languages counseling is offered in.
export const TOPICS = ['general', 'trauma', 'safety', 'legal', 'family', 'substance', 'crisis', 'other'] as const;
export const HELP_LANGUAGES: Array<[string, string]> = [['my', 'မြန်မာ'], ['en', 'English']];
