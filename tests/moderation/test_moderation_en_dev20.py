"""English classes from the dev20 round, by transfer (lexicon en 2026.12.17): a tracking device hidden on one's
vehicle or bag; a vehicle or man following one's bus or taxi, the same car at every stop; a stranger or man in
uniform photographing the houses or pacing one's street; strangers asking who used to be police or soldier; a
newcomer asking where everyone lives; an arrested comrade who knows one's location; a column or gunfire closing on
the village, or a few kilometres away; a weapon pointed at the writer and children, a threat to kill the family
then himself, a knife to the throat, a relative with a machete saying he will cut the writer; walking onto a
highway with a time or "nobody stop me"; an attempt with a named means that someone interrupted; guilt asking a
forgiveness that cannot come, living with what one did in uniform; a nightmare returning every night; a father
hitting the mother when drunk, a worker beaten with a pipe, documents held, workers kept on the boat; and own
probes in the same register: watchers posted near one's home, the old unit reaching a new number, "we know where
you work", militia burning houses, commands heard in one's head, charcoal with the window sealed, the writer
hitting his wife, threats to the family back home, means hidden in a shoe, drones over the camp, going to the
railway telling people not to call, resistance photos found on one's phone. Scored with the lexicon alone;
everyday sentences sharing the words stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    ("found a small tracker taped under my scooter yesterday", 3),
    ("someone hid a gps inside my backpack, i only see it this morning", 3),
    ("that white van follow our taxi all the way from the border", 3),
    ("same black car at every checkpoint we pass, i am scared", 3),
    ("a man with sunglasses take pictures of our building and my door", 3),
    ("two guys keep walking up and down our soi looking at the windows", 3),
    ("some stranger at the market asking if the burmese worker was a soldier before", 2),
    ("new woman in the group ask so many questions about where all the members stay", 2),
    ("my comrade was captured in Mandalay, he knows where we hide", 3),
    ("troops moving towards our village, we hear shooting, old people cannot walk fast", 3),
    ("the column only 3 km away from our camp now", 4),
    ("he holding the pistol aiming at me and my baby right now", 4),
    ("he say he will shoot the kids and then himself", 3),
    ("my stepfather put the knife to my neck last night", 3),
    ("uncle drunk with his dah say he will chop my mother if she talk", 3),
    ("after the last train i will walk onto the expressway, dont try to stop me", 4),
    ("i swallowed the pesticide two years ago but my sister found me in time", 3),
    ("what i did in the army, how could i ever be forgiven", 1),
    ("the boy i shot at the bridge, how can i live with that", 1),
    ("the same nightmare about the burning house comes back every night", 1),
    ("when my father drinks he slaps my mum and my little sister", 2),
    ("the supervisor beat the new guy with a bamboo stick in front of us", 2),
    ("the broker held all our passports and we work with no pay", 2),
    ("a car with tinted windows outside my gate since yesterday", 3),
    ("my old commander messaged me, how did he get my new number", 3),
    ("message from unknown account: we know where you sleep", 3),
    ("the militia burned our village, we hid in the rice field", 2),
    ("voices keep telling me to drown myself in the canal", 3),
    ("bought charcoal today and will seal the windows, nobody knows", 3),
    ("i punched my wife last night because i was drunk, i hate myself", 2),
    ("the agent said he will hurt my parents in Myawaddy if i run", 3),
    ("i have the sleeping pills hidden in my shoe", 3),
    ("jets circling over the village and the children screaming", 3),
    ("i am going to the bridge, please dont look for me", 3),
    ("the police at the gate saw my pdf photos on my phone", 3),
]

AT_MOST = [
    ("my brother follow my car to the wedding because he dont know the way", 0),
    ("the tourist bus follow our bus to pattaya, same company", 0),
    ("the teacher ask who want to be police when they grow up", 0),
    ("my cat keep following me to the kitchen every morning", 0),
    ("hiding in the toilet from my kids for five minutes lol", 0),
    ("the police at the checkpoint near the market very kind today", 0),
    ("my mother beat the carpet with a stick before new year", 0),
    ("i hold my passport in my hand at the airport queue", 0),
    ("this traffic is a nightmare every night", 0),
    ("i have nightmares about exams lol", 0),
    ("i beat my wife at cards again haha", 0),
    ("we use charcoal for the bbq and close the window for the smoke", 0),
    ("got charcoal and tape for the camping trip on sunday", 0),
    ("the voice teacher tell me to sing louder", 0),
    ("the farmers burn the fields every march", 0),
    ("i keep the pills in my bag for headache", 0),
    ("i go to the river now for fishing, dont call me", 0),
    ("my friend see my cdm photos on facebook and say proud of me", 0),
    ("i walk into the traffic office to renew my licence", 0),
    ("the car parked in front of my house every night is my neighbour's", 0),
    ("we ate the whole box of chocolates at the party", 0),
    ("my husband put the gps in my car so i dont get lost", 0),
    ("the guys walking up and down the beach selling ice cream", 0),
]


test_dev20_classes_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)


VECTOR_MESSAGES = tuple(t for t, _ in (*AT_LEAST, *AT_MOST))
