# Rows for anger, hoarding, health, postpartum. Each row: (category, text, gold, measurements)
from common import rating, score, freq, dur

ANGER = [
 # paraphrase
 ("paraphrase", "Blew up at S. over the credit card bill Sunday, shouting and cursing for a good ten minutes.", [("O1", False, "unknown")], [dur("outburst", 10, "minute")]),
 ("paraphrase", "Told his foreman calmly how the overtime was affecting him instead of mouthing off.", [("O5", False, "improved")], []),
 ("paraphrase", "Daily irritation has been hovering lower, mostly in the 3-4 range on his log.", [("O3", False, "improved")], []),
 ("paraphrase", "Put his fist into the garage door after the phone call with his ex.", [("O2", False, "unknown")], []),
 ("paraphrase", "I: Taught the time-out protocol: signal word, where he goes, when he comes back.", [("O4", False, "unknown")], []),
 ("paraphrase", "still flies off the handle when the kids leave the lights on and S. takes their side", [("O1", False, "unchanged")], []),
 ("paraphrase", "Took a break mid-argument Friday, went round the block, came back and they finished talking.", [("O4", False, "improved")], []),
 ("paraphrase", "A: Simmering less through the day overall, fewer mornings where he 'wakes up angry'.", [("O3", False, "improved")], []),
 ("paraphrase", "I: Modeled a DESC request, then had him practice it twice in role-play.", [("O5", False, "improved")], []),
 ("paraphrase", "three shouting matches with S. this week, worst in months", [("O1", False, "worsened")], [freq("shouting matches", 3, "week")]),
 ("paraphrase", "Breaks inconsistent: remembered to step away on Tuesday, not the rest of the week.", [("O4", False, "worsened")], []),
 # multi
 ("multi", "Cl felt himself getting heated at the kids' game, walked to the car for a good twenty mins and came back settled.", [("O3", False, "unknown"), ("O4", False, "improved")], [dur("time-out", 20, "minute")]),
 ("multi", "Told S. 'I feel dismissed when plans change last minute, I need a heads-up' instead of going off on her.", [("O5", False, "improved"), ("O1", False, "improved")], []),
 ("multi", "Hurled the TV remote across the room during a row with S.", [("O2", False, "unknown"), ("O1", False, "unknown")], []),
 ("multi", "heat got to 7/10 when she brought up his drinking he said he needed a breather and walked round the block", [("O3", False, "unknown"), ("O4", False, "improved")], [rating("anger", 7, 10)]),
 ("multi", "Yelled at S. over dinner, then went quiet and apologised; nothing got hurled this time.", [("O1", False, "unknown"), ("O2", True, "improved")], []),
 # negation
 ("negation", "No raised voices at home this week per both of them.", [("O1", True, "improved")], []),
 ("negation", "Didn't step away Saturday even when he felt it building, and it turned into a shouting match.", [("O4", True, "worsened"), ("O3", False, "unknown"), ("O1", False, "unknown")], []),
 ("negation", "Hasn't hurled or smashed anything since the phone incident in May.", [("O2", True, "improved")], []),
 ("negation", "Rehearsed his break-away script in role-play: 'No, I'm not doing this right now, I'll be back in 20.'", [("O4", False, "improved")], []),
 ("negation", "When he can't get a word in he still ends up shouting over her.", [("O1", False, "unchanged")], []),
 ("negation", "Refused to take the time-out when S. called it, said she was 'using it to win'.", [("O4", True, "worsened")], []),
 # hypothetical
 ("hypothetical", "P: step away as soon as he's at a 6 on his irritation log and come back within 30 min to finish the conversation.", [("O4", False, "unknown"), ("O3", False, "unknown")], []),
 ("hypothetical", "HW: write out one 'I feel... I need...' line for the chore argument and try it once this week.", [("O5", False, "unknown")], []),
 ("hypothetical", "If he feels like smashing something he'll go hit the heavy bag in the garage instead.", [("O2", False, "unknown")], []),
 ("hypothetical", "S. will privately rate how secure she feels each Sunday and bring it next session.", [("O6", False, "unknown")], []),
 # historical
 ("historical", "At intake he described about five blow-ups a week and had put his fist through a door in March.", [("O1", False, "unknown"), ("O2", False, "unknown")], [freq("outbursts", 5, "week")]),
 ("historical", "Grew up watching his father hit his mother; he started getting into fistfights at school at 12.", [("O2", False, "unknown")], []),
 # reported_by_other
 ("reported_by_other", "S. reports he walked out to cool off twice this week rather than getting in her face.", [("O4", False, "improved"), ("O1", False, "improved")], [freq("time-outs", 2, "week")]),
 ("reported_by_other", "per S. he slammed the cupboards and threw a plate on wednesday", [("O2", False, "unknown")], []),
 # experiencer
 ("experiencer", "S. says she feels more at ease around the house and isn't walking on eggshells as much.", [("O6", False, "improved")], []),
 ("experiencer", "his brother has a temper too and just got arrested after a bar fight", [], []),
 # measurement
 ("measurement", "Mean irritation on the log 4.5/10 this week vs 7/10 at intake.", [("O3", False, "improved")], [rating("anger", 4.5, 10, 7)]),
 ("measurement", "Outbursts down to 1 this week from 4 last week.", [("O1", False, "improved")], [freq("outbursts", 1, "week", 4)]),
 ("measurement", "S. put her sense of security at 7/10 on Sunday's form, up from 4/10.", [("O6", False, "improved")], [rating("partner safety", 7, 10, 4)]),
 ("measurement", "Made 3 'I feel / I need' requests this week per his log; session 9 of 16.", [("O5", False, "improved")], [freq("I-statements", 3, "week")]),
 # offtopic
 ("offtopic", "No HI toward S. or others, no weapons in the home; SI denied.", [], []),
 ("offtopic", "court mandated attendance letter sent to probation next review in 8 weeks", [], []),
 # distractor
 ("distractor", "He's throwing a retirement party for his boss next month.", [], []),
 ("distractor", "Took time out from work for his knee surgery in June.", [], []),
]

HOARDING = [
 # paraphrase
 ("paraphrase", "Came home with three bags of giveaway books from the library sale.", [("O1", False, "unknown")], []),
 ("paraphrase", "Did two purges in the kitchen and filled four contractor bags for the dump.", [("O2", False, "improved")], []),
 ("paraphrase", "During the visit she called toss-or-save on a box of mail faster than last time.", [("O4", False, "improved")], []),
 ("paraphrase", "Lounge still has only a goat path to her chair.", [("O3", False, "unchanged")], []),
 ("paraphrase", "The bed in the guest room is visible again and about 60% of the carpet is showing.", [("O5", False, "improved")], []),
 ("paraphrase", "I: Introduced the 'touch it once' rule and a three-pile system for going through things.", [("O4", False, "unknown")], []),
 ("paraphrase", "Ordered 'just a few' craft kits off Amazon again, now stacked in the hall.", [("O1", False, "worsened")], []),
 ("paraphrase", "she got rid of a whole bin of old magazines and didnt go back through the bag to pull any out", [("O2", False, "improved")], []),
 ("paraphrase", "A: Overall the piles in the lounge look somewhat lower on today's photos.", [("O3", False, "improved")], []),
 ("paraphrase", "Brings a timer to the sorting table now and moves through piles much quicker.", [("O4", False, "improved")], []),
 ("paraphrase", "finds herself grabbing curbside freebies on her morning walk most days", [("O1", False, "unknown")], []),
 ("paraphrase", "purging has been sporadic just the odd short go here and there", [("O2", False, "worsened")], []),
 # multi
 ("multi", "Went through the boxes in the guest room into save, charity and trash piles, and the charity pile went straight to her car.", [("O4", False, "improved"), ("O5", False, "improved"), ("O2", False, "improved")], []),
 ("multi", "Had the urge to grab a lamp off the curb, used her 'wait 24 hours' card instead, and later did 30 mins of purging in the hallway.", [("O1", False, "improved"), ("O2", False, "improved")], [dur("discarding", 30, "minute")]),
 ("multi", "L. pitched in with Sunday's purge and left every call to her mom.", [("O6", False, "improved"), ("O2", False, "improved")], []),
 ("multi", "CIR for the lounge is 5 (7 at intake) and the guest room carpet is showing wall to wall.", [("O3", False, "improved"), ("O5", False, "improved")], [score("CIR", 5, 7)]),
 # negation
 ("negation", "Drove past the Goodwill without stopping, the first time in months.", [("O1", True, "improved")], []),
 ("negation", "Skipped all three discarding sessions, 'too tired after the grandkids.'", [("O2", True, "worsened")], []),
 ("negation", "L. cancelled her Saturday visit, so no help from her this week.", [("O6", True, "worsened")], []),
 ("negation", "During the visit it was 'No, that stays' for the first six items, then she began moving things into the charity box.", [("O4", False, "improved")], []),
 ("negation", "Not a day went by without at least a short purge.", [("O2", False, "improved")], []),
 ("negation", "didnt touch the guest room this week", [("O5", True, "worsened")], []),
 # hypothetical
 ("hypothetical", "P: three half-hour purges in the kitchen before next visit, L. to come along Saturday.", [("O2", False, "unknown"), ("O6", False, "unknown")], []),
 ("hypothetical", "If she feels the pull to stop at a yard sale she will drive on and call L. from the car.", [("O1", False, "unknown")], []),
 ("hypothetical", "Target: grandson able to sleep in the guest room when he visits in March.", [("O5", False, "unknown")], []),
 ("hypothetical", "HW: sort one box of paperwork a day using the three piles, no re-checking the trash pile.", [("O4", False, "unknown")], []),
 # historical
 ("historical", "She began keeping newspapers after her husband died in 2015; by intake the lounge CIR was 7.", [("O3", False, "unknown")], [score("CIR", 7)]),
 ("historical", "Intake: shopping at thrift stores about five times a week plus curbside pickups.", [("O1", False, "unknown")], [freq("acquiring", 5, "week")]),
 # reported_by_other
 ("reported_by_other", "L. reports her mother filled the car trunk at a church rummage sale Saturday.", [("O1", False, "unknown")], []),
 ("reported_by_other", "home health aide noted the path from the front door to her armchair in the lounge is open now", [("O3", False, "improved")], []),
 # experiencer
 ("experiencer", "L. came Saturday and cheered her on from the doorway, keeping her hands off the piles.", [("O6", False, "improved")], []),
 ("experiencer", "Her sister's house is 'worse than mine,' she says, stacked to the ceiling.", [], []),
 # measurement
 ("measurement", "Acquiring log: 2 episodes this week compared with 6 the week before.", [("O1", False, "improved")], [freq("acquiring episodes", 2, "week", 6)]),
 ("measurement", "Purged on 4 of 7 days, 30-40 mins each time.", [("O2", False, "improved")], [freq("discarding days", 4, "week")]),
 ("measurement", "SI-R total 58 today.", [], [score("SI-R", 58)]),
 ("measurement", "CIR living room down to 4 from 5 last month; she is 68 and lives alone.", [("O3", False, "improved")], [score("CIR", 4, 5)]),
 # offtopic
 ("offtopic", "Fire marshal inspection rescheduled to the 22nd; APS case remains open.", [], []),
 ("offtopic", "denies SI sleeping ok on the new trazodone", [], []),
 # distractor
 ("distractor", "She collected her grandson from school on Friday.", [], []),
 ("distractor", "Says she's sorting out her Medicare plan with the pharmacist.", [], []),
]

HEALTH = [
 # paraphrase
 ("paraphrase", "Prodding ramped up after hearing about an old coworker's cancer, running his fingers over his neck more than he has in weeks.", [("O2", False, "worsened")], []),
 ("paraphrase", "Was on Reddit health forums Sunday night reading up on ALS.", [("O3", False, "unknown")], []),
 ("paraphrase", "Went to the infirmary car park half-heartedly, sat for a few minutes and drove off.", [("O6", False, "worsened")], []),
 ("paraphrase", "Overall fear about his body feels 'a notch lower', he says.", [("O1", False, "improved")], []),
 ("paraphrase", "The 'what if it's cancer' loop is taking up less of his day, maybe an hour instead of most of the afternoon.", [("O5", False, "improved")], [dur("illness worry", 1, "hour")]),
 ("paraphrase", "I: Set up a behavioural experiment on self-examination and explained how prodding keeps the sensations in focus.", [("O2", False, "unknown")], []),
 ("paraphrase", "Watched a full episode of Grey's Anatomy with his wife and didn't change the channel during the surgery scene.", [("O6", False, "improved")], []),
 ("paraphrase", "went to see his uncle on the oncology ward which he would never have done before and stayed till the end", [("O6", False, "improved")], []),
 ("paraphrase", "still counting his heartbeat whenever he climbs stairs", [("O2", False, "unchanged")], []),
 ("paraphrase", "I: Modelled going through a melanoma news article aloud; he took the next paragraph himself, SUDS 60.", [("O6", False, "improved")], [rating("SUDS", 60, 100)]),
 ("paraphrase", "Asked his wife 'do I look yellow to you?' several times this week.", [("O1", False, "unknown")], []),
 # multi
 ("multi", "Down the WebMD rabbit hole again Sunday night, convinced the headache was a brain tumour.", [("O3", False, "worsened"), ("O5", False, "unknown")], []),
 ("multi", "noticed a twinge in his side and the what-ifs started but instead of looking it up he went for a run", [("O5", False, "unknown"), ("O3", False, "improved")], []),
 ("multi", "Felt his heart skip, counted his heartbeat for ten minutes, then rang the after-hours line to be told he was OK.", [("O2", False, "unknown"), ("O4", False, "unknown")], [dur("pulse checking", 10, "minute")]),
 ("multi", "SHAI down to 22 from 31, and he has not been to the ER since the last session.", [("O1", False, "improved"), ("O4", True, "improved")], [score("SHAI", 22, 31)]),
 # negation
 ("negation", "Didn't look up a single symptom online all week.", [("O3", True, "improved")], []),
 ("negation", "Cancelled the extra dermatology slot he'd booked 'just to be sure.'", [("O4", True, "improved")], []),
 ("negation", "Avoided the infirmary car park, parked two blocks away for his dad's appointment.", [("O6", True, "worsened")], []),
 ("negation", "'Nothing is wrong with me' is the line he repeats, but he still inspects his skin spots daily.", [("O2", False, "unchanged")], []),
 ("negation", "Results came back negative, yet he is still fretting the lab missed something.", [("O5", False, "unchanged")], []),
 ("negation", "stopped prodding for bumps in the shower", [("O2", True, "improved")], []),
 ("negation", "Not a single assignment skipped: read the tumour leaflet, watched the ER show, drove past the infirmary.", [("O6", False, "improved")], []),
 # hypothetical
 ("hypothetical", "P: one 15-min search window a day, after 7 pm only, logging what he looked up.", [("O3", False, "unknown")], []),
 ("hypothetical", "HW: read the oncology leaflet twice a day without skipping paragraphs, rate anxiety at start and end.", [("O6", False, "unknown")], []),
 ("hypothetical", "If the urge to call the GP comes up he'll wait 48 hours and write the fear down first.", [("O4", False, "unknown"), ("O5", False, "unknown")], []),
 ("hypothetical", "Agreed he will not count his heartbeat during the stairs experiment next week.", [("O2", True, "unknown")], []),
 # historical
 ("historical", "Six ER trips in the year before intake, all for chest pain with normal workups.", [("O4", False, "unknown")], [freq("ER visits", 6, "year")]),
 ("historical", "The fears about his body started after his father's lymphoma diagnosis in 2019.", [("O1", False, "unknown")], []),
 # reported_by_other
 ("reported_by_other", "wife reports he was on his phone most evenings this week looking up what his aches might mean", [("O3", False, "unknown")], []),
 ("reported_by_other", "GP's office called to say he has phoned them four times this week asking for test results.", [("O4", False, "unknown")], [freq("calls to GP", 4, "week")]),
 # experiencer
 ("experiencer", "His mother is the same, she 'googles every ache' and rings him about it.", [], []),
 ("experiencer", "Wife had a breast lump checked last month; it was benign.", [], []),
 # measurement
 ("measurement", "SHAI 18 today, 31 at intake.", [("O1", False, "improved")], [score("SHAI", 18, 31)]),
 ("measurement", "Googling down to about 30 minutes a day, compared with 120 at intake.", [("O3", False, "improved")], [dur("googling", 30, "minute", 120)]),
 ("measurement", "Body checks logged: 3 a day vs 15 a day last month.", [("O2", False, "improved")], [freq("body checks", 3, "day", 15)]),
 ("measurement", "Cancer fear 4/10 today on his log, down from 8/10.", [("O5", False, "improved")], [rating("illness worry", 4, 10, 8)]),
 # offtopic
 ("offtopic", "SI/HI denied. PCP started escitalopram 10 mg last week.", [], []),
 ("offtopic", "asked for next session by video billing code updated", [], []),
 # distractor
 ("distractor", "Has been checking the football scores constantly during the World Cup.", [], []),
 ("distractor", "His company's health and safety audit is keeping him late this month.", [], []),
]

POSTPARTUM = [
 # paraphrase
 ("paraphrase", "The scary pictures have been more upsetting since the news story about an infant drowning.", [("O2", False, "worsened")], []),
 ("paraphrase", "Lay down when her daughter went down at 1 and actually slept for a bit.", [("O4", False, "improved")], []),
 ("paraphrase", "Made it to the moms' meetup Thursday and stayed for coffee after.", [("O6", False, "improved")], []),
 ("paraphrase", "A: Mood lifting, crying less and enjoying bath time with the baby.", [("O1", False, "improved")], []),
 ("paraphrase", "I: Normalized intrusive thoughts in new mothers and explained the difference between a thought and an intention.", [("O2", False, "unknown")], []),
 ("paraphrase", "Still feels flat and teary most afternoons.", [("O1", False, "unchanged")], []),
 ("paraphrase", "naps have been hit and miss she only manages to lie down now and then", [("O4", False, "worsened")], []),
 ("paraphrase", "she said the scary pictures still come but they don't grab her the way they did she can let them pass", [("O2", False, "improved")], []),
 ("paraphrase", "Has been trusting the monitor instead of getting up to look every time she stirs.", [("O3", False, "improved")], []),
 ("paraphrase", "I: Problem-solved how to get to the Tuesday meetup with the car seat on the bus.", [("O6", False, "unknown")], []),
 ("paraphrase", "overwhelmed and guilty most of the day feels like a bad mother", [("O1", False, "unknown")], []),
 # multi
 ("multi", "A smothering image popped up during the feed; she named it 'just my brain' and didn't go back in to look after putting her down.", [("O2", False, "unknown"), ("O3", True, "improved")], []),
 ("multi", "J. did the overnight bottles Friday and Saturday, and she napped both afternoons.", [("O5", False, "improved"), ("O4", False, "improved")], []),
 ("multi", "went to the moms meetup this week EPDS down to 14 from 19", [("O6", False, "improved"), ("O1", False, "improved")], [score("EPDS", 14, 19)]),
 ("multi", "Went in to look at her daughter over and over overnight after a SIDS image popped up; upset 8/10.", [("O3", False, "unknown"), ("O2", False, "unknown")], [rating("distress", 8, 10)]),
 # negation
 ("negation", "Didn't make it to mothers' group, couldn't face getting out the door.", [("O6", True, "worsened")], []),
 ("negation", "No naps this week; she spent every nap time cleaning.", [("O4", True, "worsened")], []),
 ("negation", "J. hasn't done a single 2am bottle since going back to work.", [("O5", True, "worsened")], []),
 ("negation", "'No, I'm fine' is what she tells everyone, though EPDS today is 17.", [("O1", False, "unknown")], [score("EPDS", 17)]),
 ("negation", "When she can't hear her daughter on the monitor she still goes in to look.", [("O3", False, "unchanged")], []),
 ("negation", "Didn't go in to look at her once overnight, the first time since the birth.", [("O3", True, "improved")], []),
 ("negation", "Meetup was cancelled this week for the bank holiday.", [("O6", True, "unknown")], []),
 # hypothetical
 ("hypothetical", "P: J. to do the 11pm and 3am bottles Mon, Wed and Fri so she can sleep through to 5.", [("O5", False, "unknown")], []),
 ("hypothetical", "HW: lie down for at least one of the baby's naps each day, phone in another room.", [("O4", False, "unknown")], []),
 ("hypothetical", "If one of the scary images comes she'll label it and not go in to look, then rate how upsetting it was 0-10.", [("O2", False, "unknown"), ("O3", True, "unknown")], []),
 ("hypothetical", "plans to bring her daughter to the tuesday moms circle next week", [("O6", False, "unknown")], []),
 # historical
 ("historical", "EPDS 21 at the 6-week check with the midwife.", [("O1", False, "unknown")], [score("EPDS", 21)]),
 ("historical", "The frightening images of something happening to her daughter started about two weeks after delivery, before she was referred.", [("O2", False, "unknown")], []),
 # reported_by_other
 ("reported_by_other", "J. says she has started napping when their daughter does, most afternoons.", [("O4", False, "improved")], []),
 ("reported_by_other", "Health visitor noted she seemed brighter and more confident handling the baby.", [("O1", False, "improved")], []),
 # experiencer
 ("experiencer", "j has been doing the 2am bottle so she gets a stretch of sleep", [("O5", False, "improved")], []),
 ("experiencer", "Her sister also had postpartum depression after her second child.", [], []),
 # measurement
 ("measurement", "EPDS 12 today vs 19 at intake.", [("O1", False, "improved")], [score("EPDS", 12, 19)]),
 ("measurement", "How much the scary images upset her: 4/10, was 9/10 three weeks ago.", [("O2", False, "improved")], [rating("distress", 4, 10, 9)]),
 ("measurement", "J. did the night feeds 3 of 7 nights this week, up from 1.", [("O5", False, "improved")], [freq("night feeds", 3, "week", 1)]),
 ("measurement", "Napped about 90 minutes Tuesday; daughter now 11 weeks and feeding every 3 hours.", [("O4", False, "improved")], [dur("nap", 90, "minute")]),
 # offtopic
 ("offtopic", "SI/HI screen negative; safety plan on file.", [], []),
 ("offtopic", "OB started sertraline 50 mg, compatible with breastfeeding per the pharmacist.", [], []),
 # distractor
 ("distractor", "She's been checking out library books on baby sign language.", [], []),
 ("distractor", "Joined a WhatsApp group for the street's recycling rota.", [], []),
]
