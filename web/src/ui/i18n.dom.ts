// Every string the member app shows, one catalogue per language (English and Burmese in Unicode). A key missing
// from the Burmese catalogue is a type error, so no screen can fall back to English by accident.
// `{name}` placeholders are filled by t(); nothing else is interpreted (text is always set as textContent).

const en = {
  language: 'English',
  otherLanguage: 'မြန်မာ',
  switchLanguage: 'မြန်မာလို ပြောင်းရန်',
  welcomeTitle: 'A private place to talk',
  welcomeBody: 'Talk in a group under a made-up name, or one to one with a counselor. Messages are encrypted on this phone; the server cannot read them.',
  noPersonalData: 'No phone number, email or name is ever asked. Nobody — not even us — can find out who you are from this app.',
  create: 'Start',
  unlock: 'Unlock',
  createTitle: 'Choose a passphrase',
  createBody: 'It protects what this phone keeps. Nobody can reset it: if you forget it, start again with a new one.',
  passphrase: 'Passphrase',
  passphraseAgain: 'The same passphrase again',
  strength0: 'Too weak',
  strength1: 'Weak',
  strength2: 'Fair',
  strength3: 'Good',
  strength4: 'Strong',
  strengthHint: 'Four or more unrelated words are strong and easy to remember.',
  mismatch: 'The two passphrases are not the same.',
  tooWeak: 'Choose a stronger passphrase.',
  working: 'Setting up… this phone does some work so that nobody can create thousands of accounts.',
  workingSeconds: '{s} s',
  protecting: 'Protecting your keys with your passphrase…',
  unlockTitle: 'Welcome back',
  wrongPassphrase: 'That passphrase does not open this phone’s data.',
  home: 'Home',
  groups: 'Groups',
  group: 'Group {n}',
  noGroups: 'You are in no group yet. Open an invite link you were given.',
  joinTitle: 'Join a group',
  joinBody: 'Choose a name the group will see. Use a made-up name, not your real one.',
  pseudonym: 'Name in this group',
  join: 'Join',
  waitingApproval: 'Waiting for a moderator to let you in. You can leave this page open.',
  rejected: 'This request was not approved.',
  badInvite: 'This invite link does not work (used up, expired or mistyped).',
  message: 'Message',
  send: 'Send',
  you: 'You',
  back: 'Back',
  noMessages: 'No messages yet.',
  getHelp: 'Talk to a counselor',
  helpTitle: 'Talk to a counselor',
  helpBody: 'A trained counselor will talk with you one to one. Nobody else can read it.',
  topic: 'What is it about?',
  topic_general: 'Something else on my mind',
  topic_trauma: 'Bad memories, trauma',
  topic_safety: 'My safety',
  topic_legal: 'Legal questions',
  topic_family: 'Family',
  topic_substance: 'Alcohol or drugs',
  topic_crisis: 'I am in danger or thinking of harming myself',
  topic_other: 'Other',
  helpLanguage: 'Language',
  ask: 'Ask for a counselor',
  queued: 'You are number {n} in the queue. Keep this page open; a counselor will join.',
  offered: 'A counselor is about to join…',
  sessionTitle: 'Counselor',
  counselor: 'Counselor',
  transferred: 'Another counselor is joining this conversation.',
  transferredDone: 'You are now talking with another counselor.',
  closed: 'The counselor has closed this conversation.',
  members: 'Members',
  safetyNumber: 'Safety number',
  safetyHint: 'Compare these digits with {name} in person or over a call you trust. If they match, nobody is in between.',
  report: 'Report',
  reportConfirm: 'Report to the moderators?',
  reported: 'Reported to the moderators.',
  lock: 'Lock',
  wipe: 'Delete all',
  wipeConfirm: 'Delete everything on this phone now? This cannot be undone.',
  wipeYes: 'Delete now',
  cancel: 'Cancel',
  locked: 'Locked.',
  error: 'Something went wrong. Try again.',
  offline: 'No connection. Messages will be sent when it is back.',
  neutralTitle: 'Page not found',
  neutralBody: 'The page you are looking for does not exist.',
} as const;

export type Key = keyof typeof en;
export type Catalogue = Record<Key, string>;

const my: Catalogue = {
  language: 'မြန်မာ',
  otherLanguage: 'English',
  switchLanguage: 'Switch to English',
  welcomeTitle: 'လုံခြုံစွာ စကားပြောနိုင်သော နေရာ',
  welcomeBody: 'အမည်ဝှက်ဖြင့် အဖွဲ့ထဲတွင် စကားပြောနိုင်သည်၊ သို့မဟုတ် အကြံပေးသူနှင့် တစ်ဦးချင်း စကားပြောနိုင်သည်။ စာများကို ဤဖုန်းပေါ်တွင် ကုဒ်ဝှက်ထားပြီး ဆာဗာက ဖတ်၍မရပါ။',
  noPersonalData: 'ဖုန်းနံပါတ်၊ အီးမေးလ် သို့မဟုတ် အမည် မည်သည့်အခါမျှ မမေးပါ။ ဤအက်ပ်မှ သင်မည်သူဖြစ်သည်ကို မည်သူမျှ (ကျွန်ုပ်တို့ပင်) မသိနိုင်ပါ။',
  create: 'စတင်ရန်',
  unlock: 'ဖွင့်ရန်',
  createTitle: 'စကားဝှက်တစ်ခု ရွေးပါ',
  createBody: 'ဤဖုန်းတွင် သိမ်းထားသည်များကို ၎င်းက ကာကွယ်သည်။ မည်သူမျှ ပြန်လည်သတ်မှတ်ပေး၍ မရပါ။ မေ့သွားပါက အသစ်ဖြင့် ပြန်စပါ။',
  passphrase: 'စကားဝှက်',
  passphraseAgain: 'စကားဝှက်ကို ထပ်ရိုက်ပါ',
  strength0: 'အလွန်အားနည်း',
  strength1: 'အားနည်း',
  strength2: 'အသင့်အတင့်',
  strength3: 'ကောင်း',
  strength4: 'အားကောင်း',
  strengthHint: 'ဆက်စပ်မှုမရှိသော စကားလုံး လေးလုံး သို့မဟုတ် ထို့ထက်ပိုလျှင် အားကောင်းပြီး မှတ်ရလွယ်သည်။',
  mismatch: 'စကားဝှက် နှစ်ခု မတူပါ။',
  tooWeak: 'ပိုအားကောင်းသော စကားဝှက်ကို ရွေးပါ။',
  working: 'ပြင်ဆင်နေသည်… အကောင့်ထောင်ပေါင်းများစွာ မဖန်တီးနိုင်စေရန် ဤဖုန်းက အလုပ်အနည်းငယ် လုပ်နေသည်။',
  workingSeconds: '{s} စက္ကန့်',
  protecting: 'သင့်သော့များကို စကားဝှက်ဖြင့် ကာကွယ်နေသည်…',
  unlockTitle: 'ပြန်လည်ကြိုဆိုပါသည်',
  wrongPassphrase: 'ဤစကားဝှက်ဖြင့် ဤဖုန်းရှိ ဒေတာကို ဖွင့်၍မရပါ။',
  home: 'ပင်မ',
  groups: 'အဖွဲ့များ',
  group: 'အဖွဲ့ {n}',
  noGroups: 'အဖွဲ့တစ်ခုမျှ မဝင်ရသေးပါ။ သင်ရရှိထားသော ဖိတ်ကြားလင့်ခ်ကို ဖွင့်ပါ။',
  joinTitle: 'အဖွဲ့ထဲ ဝင်ရန်',
  joinBody: 'အဖွဲ့က မြင်ရမည့် အမည်တစ်ခု ရွေးပါ။ အမည်ရင်း မသုံးပါနှင့်။',
  pseudonym: 'ဤအဖွဲ့ရှိ အမည်',
  join: 'ဝင်ရန်',
  waitingApproval: 'စီမံသူက ခွင့်ပြုရန် စောင့်နေသည်။ ဤစာမျက်နှာကို ဖွင့်ထားနိုင်သည်။',
  rejected: 'ဤတောင်းဆိုချက်ကို ခွင့်မပြုပါ။',
  badInvite: 'ဤဖိတ်ကြားလင့်ခ် အလုပ်မလုပ်ပါ (သုံးပြီး၊ သက်တမ်းကုန် သို့မဟုတ် မှားရိုက်)။',
  message: 'စာ',
  send: 'ပို့ရန်',
  you: 'သင်',
  back: 'နောက်သို့',
  noMessages: 'စာ မရှိသေးပါ။',
  getHelp: 'အကြံပေးသူနှင့် စကားပြောရန်',
  helpTitle: 'အကြံပေးသူနှင့် စကားပြောရန်',
  helpBody: 'လေ့ကျင့်ထားသော အကြံပေးသူက သင်နှင့် တစ်ဦးချင်း စကားပြောမည်။ အခြားမည်သူမျှ ဖတ်၍မရပါ။',
  topic: 'ဘာအကြောင်းလဲ။',
  topic_general: 'စိတ်ထဲရှိသော အခြားကိစ္စ',
  topic_trauma: 'ဆိုးရွားသော အမှတ်တရများ၊ စိတ်ဒဏ်ရာ',
  topic_safety: 'ကျွန်ုပ်၏ လုံခြုံရေး',
  topic_legal: 'ဥပဒေဆိုင်ရာ မေးခွန်းများ',
  topic_family: 'မိသားစု',
  topic_substance: 'အရက် သို့မဟုတ် မူးယစ်ဆေး',
  topic_crisis: 'ကျွန်ုပ် အန္တရာယ်ရှိနေသည် သို့မဟုတ် ကိုယ့်ကိုယ်ကို ထိခိုက်ရန် စဉ်းစားနေသည်',
  topic_other: 'အခြား',
  helpLanguage: 'ဘာသာစကား',
  ask: 'အကြံပေးသူ တောင်းရန်',
  queued: 'တန်းစီထဲတွင် နံပါတ် {n} ဖြစ်သည်။ ဤစာမျက်နှာကို ဖွင့်ထားပါ၊ အကြံပေးသူ ဝင်လာပါမည်။',
  offered: 'အကြံပေးသူ ဝင်လာတော့မည်…',
  sessionTitle: 'အကြံပေးသူ',
  counselor: 'အကြံပေးသူ',
  transferred: 'အခြားအကြံပေးသူတစ်ဦး ဤစကားဝိုင်းသို့ ဝင်လာနေသည်။',
  transferredDone: 'ယခု အခြားအကြံပေးသူနှင့် စကားပြောနေသည်။',
  closed: 'အကြံပေးသူက ဤစကားဝိုင်းကို ပိတ်လိုက်ပြီ။',
  members: 'အဖွဲ့ဝင်များ',
  safetyNumber: 'လုံခြုံရေး နံပါတ်',
  safetyHint: 'ဤဂဏန်းများကို {name} နှင့် လူချင်းတွေ့၍ သို့မဟုတ် ယုံကြည်ရသော ဖုန်းခေါ်ဆိုမှုဖြင့် တိုက်ဆိုင်စစ်ဆေးပါ။ တူညီပါက ကြားတွင် မည်သူမျှ မရှိပါ။',
  report: 'တိုင်ကြားရန်',
  reportConfirm: 'စီမံသူများထံ တိုင်ကြားမလား။',
  reported: 'စီမံသူများထံ တိုင်ကြားပြီး။',
  lock: 'သော့ခတ်ရန်',
  wipe: 'အားလုံး ဖျက်ရန်',
  wipeConfirm: 'ဤဖုန်းပေါ်ရှိ အားလုံးကို ယခု ဖျက်မလား။ ပြန်ယူ၍ မရပါ။',
  wipeYes: 'ယခု ဖျက်ရန်',
  cancel: 'မလုပ်တော့ပါ',
  locked: 'သော့ခတ်ပြီး။',
  error: 'တစ်ခုခု မှားသွားသည်။ ထပ်ကြိုးစားပါ။',
  offline: 'ချိတ်ဆက်မှု မရှိပါ။ ပြန်ရလျှင် စာများ ပို့ပါမည်။',
  neutralTitle: 'စာမျက်နှာ မတွေ့ပါ',
  neutralBody: 'သင်ရှာနေသော စာမျက်နှာ မရှိပါ။',
};

export type Lang = 'my' | 'en';
const catalogues: Record<Lang, Catalogue> = { en, my };

/** Burmese first when the browser lists a Burmese locale before any English one; English otherwise. */
export function preferredLanguage(languages: readonly string[]): Lang {
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'my') return 'my';
    if (base === 'en') return 'en';
  }
  return 'en';
}

let current: Lang = 'en';

export function setLanguage(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

export function language(): Lang {
  return current;
}

export function t(key: Key, values: Record<string, string | number> = {}): string {
  return catalogues[current][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
