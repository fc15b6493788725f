"""The course's one tone vocabulary: the rules for the two flags, aggressive language
(including shouting) and opinion-only reasoning, and the parting shots that spoil a let-go.

``aggressive`` is found directly. ``opinion_only`` is a judgement about the
whole draft: it needs a stance that rests on feeling or taste (found by
``OPINION_RULES``) *and* no business reason or evidence anywhere in the draft,
so :mod:`.core` decides it once the components are known.
"""

from __future__ import annotations

import re

from .patterns import Rule

__all__ = ["AGGRESSIVE_RULES", "OPINION_RULES", "PARTING_SHOTS", "shouting_spans"]

AGGRESSIVE_RULES: list[Rule] = [
    Rule(r"ridiculous|absurd|stupid|idiotic|idiots?|moronic|morons?|dumb|pathetic|nonsense|rubbish|garbage|crap|crappy|insane|ludicrous|laughable"
         r"|clueless|incompetent|incompetence|amateur(ish|s)?|lazy|useless|hopeless|a joke|joke of a|a disaster|disastrous"
         r"|(a |an )?(complete |total |utter |absolute )?waste of (\w+'s |\w+ )?(time|money|effort)|what part of|bs|bullshit|shit|shitty|damn|damned|bloody|hell|wtf|ffs"
         r"|unbelievable|unacceptable|embarrassing|embarrassed|embarrass us|appalling|disgraceful|outrageous|horrendous|a mess|shambles|farce|circus|mickey mouse"
         r"|(is|are|looks|look|so|absolutely|utterly|frankly|just|truly|that's|it's|this is) (awful|terrible|horrible|hideous|ugly|dreadful)|(terrible|awful|horrible|dreadful) (idea|choice|decision|call|plan|feedback|work|notes|job|brief)|hideous|reckless|irresponsible|sloppy|careless|exhausting|no clue|not a clue|zero (understanding|idea|clue|taste)|no taste|lol no|nope|hate it|ruined|ruining",
         "belittling or hostile words attack the idea or the person, not the content"),
    Rule(r"(your|their|his|her|the client's) (fault|mess|problem now|screw~up|mistake)|(you|they) (screwed|messed|stuffed|cocked) (up|this up|it up)|blame (you|them|your)",
         "blames the other person"),
    Rule(r"(you|they|the client) (clearly |obviously |just |simply |really |honestly |still )?(don't|didn't|do not|did not|never|can't|cannot|couldn't|failed to|fail to|refuse to|won't|haven't|have not|hasn't) "
         r"(understand|%understand%|understood|get it|get|read|listen|know|care|bother|see|grasp|think|pay attention|have a clue|have any idea)",
         "blames the other person for not understanding"),
    Rule(r"you (always|never|constantly)|you keep (changing|asking|rejecting|ignoring|moving|doing)|you people|you guys (always|never)|(did|do|does|has|have) (you|anyone|anybody|nobody|they|your \w+)( guys| people| on your side| there)? (even|actually|ever) (read|look|listen|open|check|bother|know|understand|think)|(please )?actually (read|listen|look)",
         "absolute, blaming language ('you always', 'you never') puts people on the defensive"),
    Rule(r"(clearly|obviously),? you|you (clearly|obviously) (have|had|don't|didn't)|no offen[cs]e,? but|(anyone|everyone|any idiot|a child|a five~year~old|my kid) (can|could) (see|tell|do)",
         "condescending: implies the other person is slow"),
    Rule(r"(completely|totally|utterly|absolutely|simply|just|plain|dead|flat~out) (wrong|mistaken|misguided|unworkable|pointless|backwards|ridiculous|terrible|awful|dreadful|unusable|clueless)",
         "absolute language leaves no room for the other view"),
    Rule(r"(make|makes|made|making) (absolutely |zero )?no sense|no sense (at all|whatsoever)|anyone (who|that) (thinks|believes|says|suggests|signed off)|(will|is going to|would) never work|(there's |there is )?no way (this|that|it|I'm|I am|we're|we are)"
         r"|end of (story|discussion)|non~negotiable|I refuse|(do it|done) my way|my way or|(?<!sure\x20)(everyone|everybody)( \w+){0,4} knows (it|that)|what could (possibly )?go wrong|I('m| am) not (doing|going to do|changing|having) (it|this|that)|(won't|will not) be (changing|doing)|not up for (discussion|debate)|full stop",
         "absolute, final language shuts the conversation down"),
    Rule(r"(oh|wow|well),? (great|wonderful|brilliant|fantastic|perfect|lovely|fab|super|terrific|marvellous|marvelous|amazing)|(great|brilliant|fantastic|wonderful|perfect|lovely),? (another|more|just what)"
         r"|just what we needed|thanks (a lot|a bunch|for nothing)|(because|since|as if) (that|this|it) (worked|went|ever works|ever worked|is) (so |out so )?(well|great|brilliantly|fine)"
         r"|I'm sure (you|that|it|this)('ll| will)? (know best|work|go well|be fine)|(what|how) a (surprise|shock|novel idea|genius idea)|genius|(sure|yeah),? (because|right|let's)|good luck with that|(see|watch) how (that|this|it) works out|works out for you|because (we|you|they) (clearly|obviously)|(your|another|so~called|yet another) [\x22\u201c\x27\u2018][a-z]+( [a-z]+){0,4}[\x22\u201d\x27\u2019]|(this|the|these|those) [\x22\u201c\x27\u2018](feedback|urgent|quick|small|minor|simple|fix|changes?|tweaks?|improvements?|strategy|priority|plan|process|research|insights?|creative|data|experts?|help|advice|suggestions?|notes?|vision|direction)[\x22\u201d\x27\u2019]|(monkey|child|toddler|intern|five~year~old|chimp|trained \w+) could|we're the experts|can't tell if (this|you|these|that) (\w+ )?(is|are) serious|(very|real|how) (scientific|mature|professional)[.!]|(for|as|because|called) [\x22\u201c][a-z]+( [a-z]+){0,4}[\x22\u201d]|(you're|you are) being (unreasonable|difficult|ridiculous|silly|stubborn|precious|dramatic|naive)|the problem (isn't|is not|here isn't|here is not) (the|my|our)|(loving|love) how (every|you|they|we|nobody|the|our)|really\?|are you (seriously|really|actually) (asking|suggesting|saying|telling|expecting)|dignify (that|this|it)|counts? for (absolutely )?nothing|(glad|good|nice|great) to know (that )?(our|my|the team's)|maybe try \w+ing|try (reading|listening|looking)|(your|their) (\w+ ){0,2}(is|are|was|were) (just |simply |completely |totally |all )?wrong|(thanks for|you're|you are|stop) wasting|(bit |a bit )?rich coming from|yikes|we are the experts|let us do our (job|jobs)|trust me,? (I|we) know|I know what I'm doing|leave it to (us|the professionals|the experts)|the only one (here )?who (seems to |actually |even )?(care|cares|bothers|reads|listens)|around here|must be nice|you'll regret|you will regret|(huge|massive) mistake|don't come (crying|running)|(your|on your) (funeral|head be it)|I told you so|don't say I didn't warn|(do|must|should) I (really |seriously )?(need|have) to (explain|say|repeat|spell) (this|it|myself|that) (again|out)|(wonderful|great|brilliant|perfect|fantastic|lovely|marvell?ous)[.!] (another|more|so|just)|just what (we|the team|I|everyone|you|they) (needed|wanted)|whatever[.,!]|do what(ever)? you want|suit yourself|if you say so|unprofessional|ghost(ing|ed)? (a|the|our|my|him|her|them)|amateur hour|clowns?|(we've|we have|I've|I have) been (over|through) this|(that's|that is|this is) (just )?not how (any of )?(this|it|things|anything) works|good grief|for (god's|heaven's|pete's|christ's) sake|give me a break|come on,|unicorn|what do you (actually |even )?want|dumbest|stupidest|silliest|most ridiculous|cool,? cool|(so )?the plan is to just|why (do )?(I|we) (even )?bother|the worst (\w+ ){0,3}(ever|in years|I've|we've|I have)|worst (\w+ )?ever|can't wait to see how|thanks (for|for all) (the|your) [\x22\u201c\x27\u2018][a-z]+|(wow,? )?just wow|(great|fantastic|brilliant|perfect|wonderful|lovely|super),? so (we're|we are|you're|you are|now|they|the|our|your)|love that for (us|you|me)"
         r"|yeah,? right|who knew|shocking,? I know|heaven forbid|god forbid|bless (you|them|him|her)|with respect,? that's|how (lovely|nice|wonderful) for",
         "sarcasm reads as contempt, however it was meant"),
    Rule(r"as I('ve| have)? (already |previously )?(said|explained|mentioned|told you|pointed out|stated)( (before|earlier|twice|three times|multiple times|repeatedly|several times|many times|a hundred times))?"
         r"|(per|as per) my (last|previous|earlier|last (two|three|few)) (emails?|e~mails?|messages?|notes?|mails?)|(the|this is the) (second|third|fourth|fifth|umpteenth) time (I've|I have|we've|I'm|I am)|as I said in my|how many (more )?times|for the (hundredth|tenth|third|fifth|umpteenth|last) time|I shouldn't (have to|need to)"
         r"|not (rocket science|that hard|that difficult|brain surgery)|(can't|cannot|can not) believe (you|we|this|that|I|they)|(you|they) (clearly |obviously )?(have|had) no idea|no idea what (you're|you are|they're|they are) (doing|talking)"
         r"|what were you thinking|who (approved|signed off|thought|came up with) (this|that)|shut (up|it)|get a grip|grow up|seriously\?|are you (kidding|serious|joking|mad|crazy|insane)|(can't|cannot|can not) be serious|nobody( \w+){0,4} (has |have |had |actually |even )?(read|reads|listened|listens|cares|checked|checks|bothered|bothers|looked)|whoever (wrote|made|designed|came up with|approved|decided|picked|chose)|(clearly|obviously) (has |have )?never|(brilliant|great|perfect|fantastic|lovely|wonderful),? just (brilliant|great|perfect|fantastic|lovely|wonderful)|that's sure to|(is|was) this a joke",
         "passive-aggressive or belittling phrasing damages the relationship"),
    Rule(r"\?!+|!+\?|!{3,}", "angry punctuation"),
    Rule(r"(your|their|his|her) loss|(completely|totally|entirely|utterly|rather|kind of|just) "
         r"miss(es|ed|ing)? the (whole )?point|on your own head|don't come back to me",
         "a parting shot or a put-down turns the talk from the content to the person"),
]

OPINION_RULES: list[Rule] = [
    Rule(r"(I|we) (just |really |personally |honestly |simply |still |genuinely |kind of |kinda |sort of |do |truly |strongly |much |far |definitely |actually |have to say I |must say I )?"
         r"(think(?! (you're|you are|that's|that is|it's|this is|we're) (right|correct|fair|spot on|a good|a great))|feel|%believe%|reckon|prefer|like|love|hate|dislike|don't like|do not like|'m not a fan|am not a fan|'m not keen|am not keen|'m not sure|am not sure"
         r"|don't think|do not think|don't feel|don't believe|don't really|have a (\w+ ){0,2}(feeling|hunch)|'m not convinced|am not convinced|disagree|don't agree|do not agree|liked (him|her|them|it)|loved (him|her|them|it)|'m not comfortable|am not comfortable|have a (feeling|hunch)|'d rather|would rather|can't see|don't see|'m not happy|am not happy)",
         "a personal stance; fine as a start, but it needs a business reason or evidence behind it"),
    Rule(r"in (my|our) (humble |personal |honest |own )?(opinion|view)|imo|imho|personally|(my|our) (gut|instinct|feeling|preference|taste|personal|own view|sense)|gut (feel|feeling|says)|to me,? (it|this|that)",
         "rests on personal opinion"),
    Rule(r"(look|looks|feel|feels|seem|seems|sound|sounds|read|reads) (much |a lot |way |a bit |so |too |really |kind of |just |more |less )?(better|worse|nicer|off|wrong|cleaner|boring|dated|bland|flat|cheap|great|good|nice|weird|odd|strange|clunky|ugly|dull|busy|cluttered|messy|old~fashioned|tired|stronger|weaker|right|amateurish|generic|soulless|modern|fresh|fun|meh)"
         r"|(doesn't|does not|don't|do not) (feel|look|sound|seem|read) (right|good|great|nice)|prettier|nicer|uglier|cooler|more (elegant|stylish|modern|fun|exciting|interesting|beautiful|attractive)"
         r"|not my (style|taste|cup of tea|thing)|(any|no|good|bad) taste|(doesn't|does not|don't) (feel|look|sound|seem) like (the )?(right|us|a good)|hate it|(is|are|was|looks) (ugly|boring|perfect|meh|bland|lovely|brilliant|amazing)|no taste|(easily|clearly|obviously|simply) the best|the best (person|candidate|option|one|guy|choice|fit|version)|(way|much|far|so much) (better|cooler|nicer)|(make|makes|making|made) (it|everything|things|the \w+) (worse|weaker|boring|generic)|(terrible|bad|poor|wrong) (choice|idea|decision|call|move)|(it's|that's|this is) (just )?(wrong|bad)|call it intuition|intuition|(the )?worst (\w+ )?(decision|idea|choice|call|plan|thing)|hideous|ugly|awful|terrible|dreadful|(don't|do not) rate|for the sake of (it|change)|(I'd|I would) hire|if it were up to me|unconvinced|(doesn't|does not|don't) sit (well|right)|(huge|big|massive|terrible) mistake|(liked|like|prefer|preferred|loved|love) (\w+ ){0,3}(better|more)|meh|(I'd|I would) (just )?(pick|choose|go for|go with|use|rather)|not (really |quite )?feeling (it|this|the|that)|giving me a headache|(is|looks|reads|works|was) (great|fine|perfect|good) (as it is|as is)|(too|so) (flat|busy|cluttered|bland|safe|boring|corporate|cold|fussy|plain|loud|dull)|(isn't|is not|doesn't|does not|not) (really )?(doing it|working) for me|not for me|(more|less|no|zero) (personality|character|soul|warmth|punch|oomph|life|pop|wow)|vibe|(felt|feels|seems|seemed|looks|looked|sounds|sounded|is|was) (\w+ ){1,3}to me|my heart|(I|we) just know|can't explain (it|why)|hunch|trust me|(the )?(best|strongest|right|obvious|perfect) (person|candidate|option|one|guy|choice|fit|version|work|idea|man|woman|hire|design|concept)|(make|makes) no sense|(the|a) (vibe|feel|energy|look and feel)|just (better|nicer|wrong|not right)|not feeling (it|this)|(I|we) (love|loved|adore) (it|the|this|that|our|my)",
         "a matter of taste, not of the stakeholder's business"),
    Rule(r"(is|are|was|seems|feels) (a )?(mistake|wrong|the wrong|not right|not the right|a bad idea|bad)|disagree|(shouldn't|should not|mustn't) (go|do|use|drop|change|cut|reject|pass)|bad idea|reconsider|rethink|push back on|nonsense|rubbish|ridiculous|absurd|not (convinced|sure about|keen on|a fan of)",
         "states disagreement"),
]

PARTING_SHOTS: tuple[str, ...] = (
    "told you", "your funeral", "don't blame", "on your head", "your loss", "your problem",
    "fine then", "you'll regret", "you will regret", "i give up")
"""Phrases that turn a let-go line into a parting shot (matched as whole words, in any
case). The rubric's close criterion refuses a let-go line holding one, as it refuses one
the aggressive rules flag."""

# Short all-capital words that are normally acronyms, not shouting.
_ACRONYMS = frozenset("""
CEO CFO CTO COO CMO CIO CHRO CV CVS HR HRBP MD VP PM KPI KPIS ROI SEO PPC B2B B2C USA US UK EU UAE NHS BBC
ASAP FYI CRM SAAS API APIS TV OOH CTA ATS RFP RFI SLA SLAS NDA PDF PR QA DM UX UI AI ML HQ GDPR PPT OK IT
ETA EOD COB EOW TBC TBD NPS CPA CPC CPM CPL CTR LTV SOW PO SMS IOS IPO M&A P&L FTE FTES OKR OKRS Q1 Q2 Q3 Q4
H1 H2 FY MVP POC PR RSVP AM PM GMT UTC BST EST PST CET JD JDS ID IDS LLC LTD PLC GBP USD EUR AED SQL AWS
ERP SAP IBM HP USB CSV XML JSON HTML CSS PHP JS NY LA NYC DC ABC OOO WFH RTO NB PS CC BCC RE FW TLDR TL;DR DEI ESG
CSR PPE ISO VAT GST BAU QBR SKU SKUS DTC D2C POS PIP ABM GTM ICP MQL SQL SDR BDR AE CSM
""".split())

# Short words that, in capitals on their own, are emphasis aimed at the reader.
_EMPHATIC = frozenset("""NO NOT NOW YOU YOUR WHY HOW WHAT STOP ALL ANY EVER MY OUR WE KNOW NEED MUST HAVE ONLY
THIS THAT WILL SO VERY LAST TIME DO DID ARE IS WAS CAN CAN'T DON'T WON'T READ""".split())

# Capitals that are warmth, not anger.
_FRIENDLY = frozenset("""THANK THANKS YOU MUCH NO RUSH CONGRATS CONGRATULATIONS WELL DONE HAPPY BIRTHDAY WELCOME
GREAT NEWS LOVE IT AMAZING BRILLIANT WOW YAY HOORAY""".split())

_CAPS_WORD = re.compile(r"\b[A-Z][A-Z'’]*[A-Z]\b")


def shouting_spans(text: str) -> list[tuple[int, int]]:
    """Spans of shouting: runs of capitalised words that are not acronyms.

    A single long capital word (five letters or more) counts, as do two or more
    capital words in a row; known acronyms (KPI, CEO, ROI...) never count, so a
    draft full of business shorthand is not mistaken for shouting.
    """
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        words = [text[s:e] for s, e in run]
        letters = sum(len(w) for w in words)
        friendly = all(w.replace("’", "'") in _FRIENDLY for w in words)
        if words and not friendly and (len(words) >= 3 or (len(words) == 2 and letters >= 8)
                                       or (len(words) == 1 and (letters >= 5 or words[0] in _EMPHATIC))):
            spans.append((run[0][0], run[-1][1]))
        run.clear()

    last_end = -1
    for m in _CAPS_WORD.finditer(text):
        word = m.group().replace("’", "'")
        if word in _ACRONYMS or word.split("'")[0] in _ACRONYMS:
            close()
            last_end = -1
            continue
        if run and not re.fullmatch(r"[\s,.!?;:\-]*", text[last_end:m.start()]):
            close()
        run.append((m.start(), m.end()))
        last_end = m.end()
    close()
    return spans
