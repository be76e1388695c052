# Rows for panic, mdd, social, opioid. Each row: (category, text, gold, measurements)
# gold: list of (objective, negated, progress)
from common import rating, score, freq, dur

PANIC = [
 # paraphrase
 ("paraphrase", "Pt drove herself to the grocery store Thursday and did the whole weekly shop.", [("O5", False, "improved")], []),
 ("paraphrase", "Rough week with more episodes than last, racing heart, numb hands and certainty she was dying.", [("O2", False, "worsened")], []),
 ("paraphrase", "I: Introduced symptom induction and built a ladder of sensations with her (chair twirling, sipping air through a coffee stirrer, stair sprints).", [("O3", False, "unknown")], []),
 ("paraphrase", "she says shes been doing the exhale routine morning and night most days and it takes the edge off", [("O4", False, "improved")], []),
 ("paraphrase", "Still sits at the end of the pew by the exit at church and keeps the Xanax in her coat 'just in case.'", [("O6", False, "unchanged")], []),
 ("paraphrase", "Less of the constant 'what if I have one here' dread when she leaves the house.", [("O1", False, "improved")], []),
 ("paraphrase", "only did the hyperventilation drill a couple of times this week and cut each one short half way through", [("O3", False, "worsened")], []),
 ("paraphrase", "Pt ran up and down the office stairs in session until her heart was pounding and stayed with the sensations without sitting down.", [("O3", False, "improved")], []),
 ("paraphrase", "I: Taught paced respiration, 4 in and 6 out, and gave her the handout to use at home.", [("O4", False, "unknown")], []),
 ("paraphrase", "went to costco on a saturday morning which is the worst time crowded and loud and she stayed till the cart was full", [("O5", False, "improved")], []),
 ("paraphrase", "woke at 3am with a surge heart pounding chest tight lasted about ten minutes", [("O2", False, "unknown")], [dur("panic attack", 10, "minute")]),
 # multi
 ("multi", "Felt a wave starting in the checkout line, did her paced exhales and finished paying rather than abandoning the cart.", [("O2", False, "unknown"), ("O4", False, "improved"), ("O5", False, "improved")], []),
 ("multi", "B: Did step 4 of the ladder, ten minutes on the freeway between junctions 12 and 13, husband riding along.", [("O5", False, "improved"), ("O6", False, "unknown")], [dur("highway driving", 10, "minute")]),
 ("multi", "jogging on the spot brought on the pounding heart that feels just like her attacks she stayed with it and then used the long slow exhales to come down", [("O3", False, "improved"), ("O4", False, "improved")], []),
 ("multi", "PDSS down to 9 from 15 and no full-blown episodes since last visit.", [("O1", False, "improved"), ("O2", True, "improved")], [score("PDSS", 9, 15)]),
 # negation
 ("negation", "Went into the pharmacy with no drink to clutch for the first time.", [("O6", True, "improved")], []),
 ("negation", "Skipped the interoceptive homework this week, said the spinning made her too nauseous.", [("O3", True, "worsened")], []),
 ("negation", "Denies any panic attacks since we last met.", [("O2", True, "improved")], []),
 ("negation", "Told her husband 'No, I'll go in by myself' and did the grocery run without him.", [("O5", False, "improved"), ("O6", True, "improved")], []),
 ("negation", "Still can't go into the mall without the Xanax in her purse.", [("O6", False, "unchanged")], []),
 ("negation", "Avoided the interstate on the trip to her sister's, took back roads the whole way.", [("O5", True, "worsened")], []),
 ("negation", "Has not missed a single day of breathing practice since last session.", [("O4", False, "improved")], []),
 # hypothetical
 ("hypothetical", "P: drive to Kroger without her husband next week and stay at least 20 min, rating SUDS at the start and end.", [("O5", False, "unknown"), ("O6", True, "unknown")], []),
 ("hypothetical", "HW: sipping air through a coffee stirrer 2 min three times a day, noting what sensations come up.", [("O3", False, "unknown")], []),
 ("hypothetical", "If she feels a surge building at the store she will do her long exhales and stay put rather than leave.", [("O2", False, "unknown"), ("O4", False, "unknown"), ("O5", False, "unknown")], []),
 ("hypothetical", "Plans to drive to work Monday with no Xanax in her bag.", [("O5", False, "unknown"), ("O6", True, "unknown")], []),
 # historical
 ("historical", "At intake PDSS was 17, about four episodes a week, and no freeway trips since 2023.", [("O1", False, "unknown"), ("O2", False, "unknown"), ("O5", True, "unknown")], [score("PDSS", 17), freq("panic attacks", 4, "week")]),
 ("historical", "Hx: first episode at 24 in a crowded Walmart; soon after she gave up the freeway.", [("O2", False, "unknown"), ("O5", True, "unknown")], []),
 # reported_by_other
 ("reported_by_other", "Husband phoned to say she drove to his office by herself on Tuesday and was 'proud as anything.'", [("O5", False, "improved"), ("O6", True, "improved")], []),
 ("reported_by_other", "per husband she still insists he sit beside her by the door when they eat out", [("O6", False, "unchanged")], []),
 # experiencer
 ("experiencer", "Her teenage son has started having panic attacks before exams; she asked for referral names for him.", [], []),
 ("experiencer", "husband admits he is a nervous driver himself and white-knuckles it on the interstate", [], []),
 # measurement
 ("measurement", "PDSS 12 today (17 at intake).", [("O1", False, "improved")], [score("PDSS", 12, 17)]),
 ("measurement", "Panic log: 2 full attacks this week vs 5 the week before.", [("O2", False, "improved")], [freq("panic attacks", 2, "week", 5)]),
 ("measurement", "SUDS at Aldi went from 70 at the door to 30 by the time she reached the checkout.", [("O5", False, "improved")], [rating("SUDS", 30, 100, 70)]),
 ("measurement", "Logged the exhale routine on 6 of 7 days; target is still two a day.", [("O4", False, "improved")], [freq("breathing practice", 6, "week")]),
 # offtopic
 ("offtopic", "SI/HI denied. PCP lowered propranolol to 10 mg prn.", [], []),
 ("offtopic", "Moved next appt to Wed 4:30 because of her shift; FMLA form faxed to HR.", [], []),
 # distractor
 ("distractor", "Called her new manager 'a breath of fresh air' after the last one.", [], []),
 ("distractor", "Says the kids' soccer schedule is driving her up the wall.", [], []),
]

MDD = [
 # paraphrase
 ("paraphrase", "Got the bike out of the garage and fixed the chain, said it felt good to finish something.", [("O2", False, "improved")], []),
 ("paraphrase", "Went through the motions on his plan for the week, ticked off one fun thing half-heartedly.", [("O2", False, "worsened")], []),
 ("paraphrase", "Pt reports mood 'flat as a pancake', little interest in anything, worn out by noon.", [("O1", False, "unknown")], []),
 ("paraphrase", "cl has been out the door for a one-mile loop before breakfast on most days", [("O3", False, "improved")], []),
 ("paraphrase", "brooding worse since the severance letter came he goes over it again and again in the afternoons when the house is empty", [("O4", False, "worsened")], []),
 ("paraphrase", "lights out by 11 and up with the alarm at 7 pretty much every day this week", [("O5", False, "improved")], []),
 ("paraphrase", "I: Went over his diary with him and helped him pick three doable, enjoyable things for the week.", [("O2", False, "unknown")], []),
 ("paraphrase", "A: Depression lifting: brighter affect, appetite back, finding some enjoyment in TV again.", [("O1", False, "improved")], []),
 ("paraphrase", "Catches himself dwelling on the divorce less and can usually pull out of it within a couple of mins.", [("O4", False, "improved")], []),
 ("paraphrase", "S: 'I'm still staying up till 2 scrolling and sleeping till noon.'", [("O5", False, "unchanged")], []),
 ("paraphrase", "Took the dog round the park before breakfast every day this week, about 20 mins each time.", [("O3", False, "improved")], [dur("morning walk", 20, "minute")]),
  # multi
 ("multi", "Went fishing with his brother-in-law Saturday, first time out on the lake since spring.", [("O2", False, "improved"), ("O6", False, "improved")], []),
 ("multi", "When he noticed himself stewing over the layoff he got up and took the dog out round the block before breakfast.", [("O4", False, "unknown"), ("O3", False, "improved")], []),
 ("multi", "Had lunch with his sister and helped her paint the nursery afterward, mood noticeably brighter.", [("O6", False, "improved"), ("O2", False, "improved"), ("O1", False, "improved")], []),
 ("multi", "lay in bed picking over every mistake he made at work till after 1 and then skipped his stroll the next day", [("O4", False, "unknown"), ("O3", True, "worsened")], []),
 # negation
 ("negation", "Didn't get out the door for his stroll once this week.", [("O3", True, "worsened")], []),
 ("negation", "Cancelled coffee with his friend M. at the last minute.", [("O6", True, "worsened")], []),
 ("negation", "Nothing on the fun list appealed to him and he did none of it.", [("O2", True, "worsened"), ("O1", False, "unknown")], []),
 ("negation", "No longer spends the afternoons chewing over old arguments with his ex.", [("O4", True, "improved")], []),
 ("negation", "Not one day this week without hearing from someone, mostly phone chats with his mum.", [("O6", False, "improved")], []),
 ("negation", "No different from last week: still chewing over old regrets an hour or two most evenings.", [("O4", False, "unchanged")], []),
 # hypothetical
 ("hypothetical", "P: schedule three pleasant activities for the coming week, starting with the model train club Thursday.", [("O2", False, "unknown")], []),
 ("hypothetical", "HW: lights out at 11 and up at 7 including the weekend, jotting down when he turned in and got up.", [("O5", False, "unknown")], []),
 ("hypothetical", "If he catches himself stuck in the loop for more than 10 min he'll get up and ring his sister.", [("O4", False, "unknown"), ("O6", False, "unknown")], []),
 ("hypothetical", "agreed he won't cancel on his brother again this weekend whatever his mood", [("O6", False, "unknown")], []),
 # historical
 ("historical", "PHQ-9 was 19 at intake in March, after three months of barely leaving the flat.", [("O1", False, "unknown")], [score("PHQ-9", 19)]),
 ("historical", "Before the layoff he went for a run before work most days and played five-a-side on Thursdays.", [("O3", False, "unknown"), ("O2", False, "unknown")], []),
 # reported_by_other
 ("reported_by_other", "Wife says he has been up and dressed by 7 every day and is 'back to himself' at breakfast.", [("O5", False, "improved"), ("O1", False, "improved")], []),
 ("reported_by_other", "His sister reports he hasn't returned her calls in two weeks.", [("O6", True, "worsened")], []),
 # experiencer
 ("experiencer", "His wife has been depressed since her mother's death and started on an antidepressant.", [], []),
 ("experiencer", "son is struggling with sleep too up gaming till 3 most nights", [], []),
 # measurement
 ("measurement", "PHQ-9 11, down from 19 at intake.", [("O1", False, "improved")], [score("PHQ-9", 11, 19)]),
 ("measurement", "Stroll log: out the door before breakfast on 4 of 7 days, compared with 1 the week before.", [("O3", False, "improved")], [freq("morning walks", 4, "week", 1)]),
 ("measurement", "Rumination down to roughly an hour a day from 3 hours at the start of treatment.", [("O4", False, "improved")], [dur("rumination", 1, "hour", 3)]),
 ("measurement", "PHQ-9 entered as 31 on the tablet, recheck next visit, likely a scoring error.", [("O1", False, "unknown")], [score("PHQ-9", 31, flag="out_of_range")]),
 ("measurement", "Mood 6/10 today, was 3/10 a month ago.", [("O1", False, "improved")], [rating("mood", 6, 10, 3)]),
 # offtopic
 ("offtopic", "Denies SI, no plan or intent; safety plan reviewed and unchanged.", [], []),
 ("offtopic", "Psychiatrist increased sertraline to 100 mg; mild nausea the first week.", [], []),
 # distractor
 ("distractor", "Walked me through the new budget spreadsheet he built for the household.", [], []),
 ("distractor", "Bank flagged unusual activity on his card and he spent the morning on hold.", [], []),
]

SOCIAL = [
 # paraphrase
 ("paraphrase", "Raised a query during sprint planning, the first time he has said anything there since he joined.", [("O2", False, "improved")], []),
 ("paraphrase", "said good morning to the new hire and asked her how the first week was going", [("O3", False, "improved")], []),
 ("paraphrase", "Up half the night after the client presentation dissecting every pause, worse than it has been in weeks.", [("O5", False, "worsened")], []),
 ("paraphrase", "Still scripts what he'll say before calls and keeps his eyes on his laptop when people talk to him.", [("O6", False, "unchanged")], []),
 ("paraphrase", "overall less on edge around people says the dread before work has eased", [("O1", False, "improved")], []),
 ("paraphrase", "I: Role-played starting a chat at the coffee machine; he came up with and delivered three openers in session.", [("O3", False, "improved")], []),
 ("paraphrase", "I: Explained how safety behaviours keep the fear going and set up a drop-the-script experiment.", [("O6", False, "unknown")], []),
 ("paraphrase", "chimed in at the retro about the release process and his manager picked it up", [("O2", False, "improved")], []),
 ("paraphrase", "Fear of blushing and being judged is still there but he is 'pushing through it'.", [("O1", False, "unchanged")], []),
 ("paraphrase", "Cl sat with the team at midday most days this week rather than eating in his car.", [("O4", False, "improved")], []),
 ("paraphrase", "After the all-hands he let it go within a few mins instead of picking it apart all night.", [("O5", False, "improved")], []),
 # multi
 ("multi", "went up to two guys from QA by the elevator and started talking about the game last night didn't script a thing beforehand", [("O3", False, "improved"), ("O6", True, "improved")], []),
 ("multi", "Spoke up in Monday's design review and held people's gaze while he did.", [("O2", False, "improved"), ("O6", False, "improved")], []),
 ("multi", "Ate in the staff kitchen with his team, then spent the drive home picking apart every joke he made.", [("O4", False, "improved"), ("O5", False, "unknown")], []),
 ("multi", "Felt his face go hot when his lead asked for his view in the sync, answered anyway without looking down at his notes.", [("O1", False, "unknown"), ("O2", False, "improved"), ("O6", True, "improved")], []),
 # negation
 ("negation", "Skipped the Thursday team meeting entirely and emailed his update instead.", [("O2", True, "worsened")], []),
 ("negation", "Back to eating alone in his car at noon every day.", [("O4", True, "worsened")], []),
 ("negation", "Did not say a word to anyone at work on Monday or Tuesday beyond 'hi'.", [("O3", True, "worsened")], []),
 ("negation", "Never misses the Monday standup now and has started chipping in at the end.", [("O2", False, "improved")], []),
 ("negation", "Quoted his inner critic, 'Don't say anything, you'll sound stupid', then raised his hand at the Tuesday sync anyway.", [("O2", False, "improved")], []),
 ("negation", "Didn't lie awake that night rehashing the client call.", [("O5", True, "improved")], []),
 ("negation", "Not once did he pull out his mobile to look busy while waiting for the elevator with colleagues.", [("O6", True, "improved")], []),
 # hypothetical
 ("hypothetical", "P: put one query to the group at every sync next week without writing it out first.", [("O2", False, "unknown"), ("O6", True, "unknown")], []),
 ("hypothetical", "HW: start one short chat a day with someone on his floor and note what he predicted vs what happened.", [("O3", False, "unknown")], []),
 ("hypothetical", "If he catches himself rerunning an interaction he'll write it down once and then go for a walk.", [("O5", False, "unknown")], []),
 ("hypothetical", "next session in vivo exposure sit down for a sandwich in the staff kitchen with the team no mobile on the table", [("O4", False, "unknown"), ("O6", True, "unknown")], []),
 # historical
 ("historical", "LSAS 82 at intake; he had not eaten with coworkers once in two years.", [("O1", False, "unknown"), ("O4", True, "unknown")], [score("LSAS", 82)]),
 ("historical", "Shy since primary school; at university he dropped a module rather than give a presentation.", [("O1", False, "unknown")], []),
 # reported_by_other
 ("reported_by_other", "His manager mentioned at their 1:1 that he's been 'much more vocal' in planning sessions.", [("O2", False, "improved")], []),
 ("reported_by_other", "Work friend D. told him he seemed to be looking at the floor the whole time at the offsite.", [("O6", False, "unknown")], []),
 # experiencer
 ("experiencer", "His girlfriend gets nervous speaking in meetings too and has been reading about social anxiety.", [], []),
 ("experiencer", "a coworker who never eats in the break room asked him where he goes at lunch", [], []),
 # measurement
 ("measurement", "LSAS 64 today, down from 82.", [("O1", False, "improved")], [score("LSAS", 64, 82)]),
 ("measurement", "Spoke up in 3 meetings this week vs none last week.", [("O2", False, "improved")], [freq("meetings spoken in", 3, "week", 0)]),
 ("measurement", "Went over Friday's client call in his head for about 20 mins, compared with 90 mins after the last one.", [("O5", False, "improved")], [dur("post-event rumination", 20, "minute", 90)]),
 ("measurement", "Nerves before standup 6/10; struck up a chat with someone at work on 4 of 5 workdays.", [("O1", False, "unknown"), ("O3", False, "improved")], [rating("nerves before standup", 6, 10), freq("conversations initiated", 4, "week")]),
 # offtopic
 ("offtopic", "SI/HI denied; no safety concerns.", [], []),
 ("offtopic", "Requested a letter for his employer's EAP; ROI signed for his GP.", [], []),
 # distractor
 ("distractor", "Says the new release pipeline is 'eating his lunch' this quarter.", [], []),
 ("distractor", "Attended the mandatory fire safety training at work on Wednesday.", [], []),
]

OPIOID = [
 # paraphrase
 ("paraphrase", "Taking his Suboxone film every morning with coffee, no issues.", [("O1", False, "improved")], []),
 ("paraphrase", "admits he used fent saturday night after a fight with the girlfriend", [("O2", False, "unknown")], []),
 ("paraphrase", "Urges have quieted down to 'background noise' over the past couple of weeks.", [("O3", False, "improved")], []),
 ("paraphrase", "Made all three IOP days this week and opened up in process for the first time.", [("O4", False, "improved")], [freq("IOP groups", 3, "week")]),
 ("paraphrase", "Put in for jobs at two warehouses and the Home Depot on Route 9.", [("O5", False, "improved")], []),
 ("paraphrase", "called his NA sponsor twice when things got rough at home", [("O6", False, "improved")], []),
 ("paraphrase", "Was jonesing hard Thursday after running into his old crew at the gas station.", [("O3", False, "unknown")], []),
 ("paraphrase", "urges spiked over the weekend worst in months after his dad's funeral", [("O3", False, "worsened")], []),
 ("paraphrase", "I: Urge-surfing walkthrough; reviewed HALT triggers and his plan for when the wanting hits.", [("O3", False, "unknown")], []),
 ("paraphrase", "Job search has been half-hearted, put in for one job this week.", [("O5", False, "worsened")], [freq("job applications", 1, "week")]),
 ("paraphrase", "Still gets hit with strong urges driving past his old dealer's street.", [("O3", False, "unchanged")], []),
  ("paraphrase", "been checking in with his sponsor pretty much every evening by text and they had coffee on sunday", [("O6", False, "improved")], []),
 # multi
 ("multi", "UDS today bup-positive, fentanyl and other opiates negative.", [("O1", False, "improved"), ("O2", True, "improved")], []),
 ("multi", "Got hit hard by the wanting Tuesday night, rang his guy from NA and rode it out without using.", [("O3", False, "unknown"), ("O6", False, "improved"), ("O2", True, "improved")], []),
 ("multi", "Missed Wednesday's IOP because the bus broke down, but made it to the job interview Thursday.", [("O4", True, "unknown"), ("O5", False, "improved")], []),
 ("multi", "urges 7/10 after payday but he took his film and stayed off the dope", [("O3", False, "unknown"), ("O1", False, "improved"), ("O2", True, "improved")], [rating("craving", 7, 10)]),
 # negation
 ("negation", "Says he hasn't touched anything since the relapse in August.", [("O2", True, "improved")], []),
 ("negation", "Skipped his dose Sunday and Monday, said he 'felt fine without it'.", [("O1", True, "worsened")], []),
 ("negation", "Dosing has been spotty, took it maybe four days out of seven.", [("O1", False, "worsened")], [freq("doses taken", 4, "week")]),
 ("negation", "Hasn't rung his NA guy since the argument at the meeting.", [("O6", True, "worsened")], []),
 ("negation", "Denies any urges this week, the first time since he started IOP.", [("O3", True, "improved")], []),
 ("negation", "Not a single IOP session missed this month.", [("O4", False, "improved")], []),
 # hypothetical
 ("hypothetical", "P: apply to at least 3 jobs before next session using the list from the career center.", [("O5", False, "unknown")], []),
 ("hypothetical", "If the urges spike at his cousin's party he'll step outside and call his sponsor.", [("O3", False, "unknown"), ("O6", False, "unknown")], []),
 ("hypothetical", "plans to stay clean through the holiday weekend and get to the friday IOP", [("O2", True, "unknown"), ("O4", False, "unknown")], []),
 ("hypothetical", "Goal for next week: film under the tongue every day at 8am, marked on the calendar.", [("O1", False, "unknown")], []),
 # historical
 ("historical", "Started on pills after a back injury at 22; by 2022 he was using fentanyl daily.", [("O2", False, "unknown")], []),
 ("historical", "At intake he was using about 6 days a week and rated his urges 9/10.", [("O2", False, "unknown"), ("O3", False, "unknown")], [freq("use days", 6, "week"), rating("craving", 9, 10)]),
 # reported_by_other
 ("reported_by_other", "IOP counselor reports 100% turnout this month and says he speaks up in process.", [("O4", False, "improved")], []),
 ("reported_by_other", "Girlfriend says he has been out every morning dropping off résumés and went to the career center Tuesday.", [("O5", False, "improved")], []),
 # experiencer
 ("experiencer", "His brother is still using heroin and asked to crash at his apartment.", [], []),
 ("experiencer", "Girlfriend is in recovery too and just celebrated a year clean.", [], []),
 # measurement
 ("measurement", "Cravings 3/10 this week, down from 8/10 at the start of IOP.", [("O3", False, "improved")], [rating("craving", 3, 10, 8)]),
 ("measurement", "45 days clean today by his count, UDS negative x3.", [("O2", True, "improved")], [dur("abstinence", 45, "day")]),
 ("measurement", "Sent out 4 job applications this week compared with 1 last week.", [("O5", False, "improved")], [freq("job applications", 4, "week", 1)]),
 ("measurement", "Sponsor contact x5/wk per his phone log; buprenorphine 16 mg daily unchanged.", [("O6", False, "improved")], [freq("sponsor contacts", 5, "week")]),
 # offtopic
 ("offtopic", "SI/HI denied. Narcan kit replaced, he had given his to a friend.", [], []),
 ("offtopic", "Court date for the old possession charge moved to March 14; attendance letter provided for his lawyer.", [], []),
 # distractor
 ("distractor", "Jokes that he craves his mom's cooking since moving out.", [], []),
 ("distractor", "Says the group chat with his cousins is 'all memes, all day'.", [], []),
]
