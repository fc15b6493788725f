"""The rules for the six components, written from the label definitions of issue 4.

Each rule is a phrase family a person uses when doing the thing the label
means, with the reason shown to the learner. They were written from the
definitions first and then checked against the train split of ``corpus/``;
the test split is only ever measured, never tuned on.
"""

from __future__ import annotations

from .patterns import Rule

__all__ = ["COMPONENT_RULES", "BUSINESS_WEAK_RULES"]

_ADV = r"(completely |totally |totaly |fully |really |do |absolutely |definitely |certainly |genuinely |honestly |can |now |of course )?"
_NUM = r"\d+(?:[.,]\d+)*"
_TIME_UNITS = r"(weeks?|months?|quarters?|years?|days?|hours?|minutes?)"
_WORDNUM = r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a hundred|dozens of) "
_COUNTED = (r"(other |similar |previous |past |of our |comparable |recent |more |fewer |extra |new |qualified |\w+ ){0,2}"
            r"(clients?|brands?|candidates?|people|users?|customers?|hires?|placements?|campaigns?|projects?|stores?"
            r"|markets?|applications?|applicants?|interviews?|complaints?|leads?|sign~ups?|downloads?|visits?"
            r"|visitors?|views?|responses?|companies|teams?|roles?|employees?|staff|sites?|agencies|accounts?"
            r"|firms?|offices?|countries|regions?|hospitals?|schools?|banks?|retailers?|tickets?|orders?|deals?"
            r"|reviews?|respondents?|subscribers?|followers?|impressions?|clicks?|units?|rollouts?|launches|pilots?|tests?"
            r"|trials?|cases?|examples?|studies|competitors?|vendors?|plants?|programmes?|programs?|deployments?"
            r"|incidents?|outages?|errors?|defects?|bugs?|suppliers?|invoices?|quotes?|referees?|references?|engineers?"
            r"|developers?|reps|managers?|directors?|analysts?|nurses?|drivers?|agents?|stars?|awards?)")
_PROPS = (r"(brief|contact report|email chain|e~mail chain|emails?|e~mails?|interview notes|notes|cv|résumé|resume"
          r"|data|meeting notes|minutes|proposal|contract|sow|statement of work|spec|specification|job spec"
          r"|job description|jd|scorecard|report|deck|research|survey|results|analytics|dashboard|figures|numbers"
          r"|audit|study|timesheets?|logs?|incident log|feedback form|references?|test results|assessment|portfolio"
          r"|plan|hiring plan|media plan|guide|guidelines|focus groups?|panel|tracker|list|request list|pre~test|tracking|charter|agreement|policy|handbook)(?! team)")
_BIZ = (r"(budgets?|costs?|costing|spend|spending|revenue|profits?|profitability|margins?|roi|return on investment"
        r"|conversions?|conversion rates?|deadlines?|launch date|go~live|time~to~hire|time~to~fill|savings|financial year"
        r"|time to market|retention|attrition|churn|staff turnover|customer base|market share|your share|share of"
        r"|target audience|brand awareness|kpis?|targets?|objectives?|goals?|bottom line|compliance|regulat\w+|legal risk"
        r"|headcount|productivity|cash~flow|shareholders|slas?|hiring plan|lifetime value|downtime|outages?|payroll"
        r"|overtime|recruitment costs?|agency fees?|lost revenue|sales targets?|service levels?|peak season"
        r"|at risk|put at risk|puts? (\w+ ){0,3}at risk|risk (of|that)|business case|business goals?|business need"
        r"|constraints?|bad hire|(we're|you're|they're|we are|you are|they are) trying to (win|reach|attract|grow|hit|keep|retain|sell|convert|hire|save|protect)|(biggest|main|key|real|top) risks?|(hinges|depends|relies|rests) on|(brand )?guidelines|by (the )?\d{1,2}(st|nd|rd|th)? (january|february|march|april|may|june|july|august|september|october|november|december)|(needs?|takes?|requires?) (\w+ ){0,2}(weeks|days|months) (from|to|for|of)|pays? for itself|payback|(save|saves|saving) (\w+ ){0,3}(hours|time|money|days)|by the \d+(st|nd|rd|th)|(more|less) (expensive|costly|risky)|riskier|costlier|pricier|(no longer|won't be|will not be|isn't|is not) supported|end of (life|support)|(before|by|ahead of) the (ipo|merger|audit|launch|deadline|go~live|renewal|year~end|board meeting|peak)"
        r"|(the|its|this|our|your) (\w+'s )?(whole )?purpose|"
        r"(you|they|the client|your team) (need|needs|must have) (\w+ ){1,4}(by|before|from) (the |day |launch|go~live|\w+day)|day one|priority|priorities|penalt(y|ies)|fined|fines|a fine|the whole reason|reason (this|the) \w+ exists|can't afford|cannot afford|afford to|the (whole |main |real )?point (is|was) to|point of (the|this|our|your) \w+ (is|was)|stop paying|paying for (two|both|three)"
        r"|(needs?|has|have) to be (\w+ ){0,4}by (the )?(\w+ )?(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|end|spring|summer|autumn|winter|christmas|q[1-4]|\d+\w*)"
        r"|push (us|it|this|the \w+) (past|beyond|over) (that|the|it)|(lift|increase|growth|rise|uplift|boost|improvement|reduction|drop|fall|decline|dip) in (\w+ ){0,2}(sign~ups|sales|revenue|conversions?|leads|bookings|traffic|retention|downloads|applications|footfall|orders|churn|costs?|margins?|share|customers|users|subscribers)|(you|your team|they|the team|we) (are|is|'re) facing|you face|they face)")
_BIZ_WEAK = (r"(sales|leads|pipeline|timelines?|turnover|customers?|audiences?|growth|awareness|%business%|bookings|sign~ups"
             r"|risks?|efficiency|pricing|the board|competitors?|competition|competitive|market|year~end|quarter|q[1-4]"
             r"|delivery dates?|contract|renewals?|strategy|strategic|capacity|workload|burn~?out|morale|outcomes?"
             r"|reputation|positioning|footfall|basket size|uptake|adoption|engagement|nps|satisfaction|security|safety"
             r"|investors?|funding|fees|requirements?|users?|patients?|students?|scal(e|ability)|launch|rollout|roll~out"
             r"|go to market|brand|retailers?|suppliers?|audit|auditors?|licen[cs]es?|renew|recall|consideration|trial"
             r"|complain\w*|complaints?|delays?|buyers?|shoppers?|deadline|stores?|sign~off)")

_ACK = [
    Rule(r"I " + _ADV + r"(%understand%|get|see|hear|%appreciate%|%recognise%) (that|why|where|how|what"
         r"|your|you|this|the concern|the worry|the pressure|the need|it|their|the point|the reasoning|the logic"
         r"|the thinking|the frustration|the urgency)",
         "restates or recognises the other person's view before disagreeing"),
    Rule(r"%understand%", "says the writer understands the other side"),
    Rule(r"(%appreciate%|%understand%|hear|see|get|respect|acknowledge|%recognise%|take on board) (\w+ ){0,2}(\w+'s )?(position|perspective|point of view|viewpoint|stance|concerns?|worr(y|ies)|reservations?|hesitation|frustration|pressure|reasoning|view|views|scepticism|skepticism|caution|nerves|reluctance|doubts?|hesitancy)",
         "names and respects the other person's position"),
    Rule(r"(see|get) (why|where|the appeal|the logic|the thinking|the reasoning)",
         "shows the writer sees why the other person holds their view"),
    Rule(r"(you're|you are|you've|you have) (absolutely |completely |totally |quite |100% )?(right|correct|got a point)",
         "concedes what the other person has right"),
    Rule(r"(that's |that is |it's |this is |you make |you raise |you've made |you've raised |you have raised |a )?"
         r"(a )?(fair|good|valid|great|reasonable|legitimate|important|understandable) (point|concern|question|worry|challenge|ask|observation|call~out|comment|request|thing to (check|ask|raise))s?",
         "credits the other person's point"),
    Rule(r"(that's|that is|this is|it's|it is|totally|completely|entirely|perfectly) (totally |completely |entirely |perfectly |very )?(fair(?! enough)|understandable|reasonable|valid)|the appeal (of|in)|fair (challenge|question|concern|ask)",
         "credits the other person's point"),
    Rule(r"agree (that|with you|with your|with the|on|about)",
         "agrees with part of the other person's view first (the 'Yes' of 'Yes, but')"),
    Rule(r"(your|the client's|their|his|her) (main |biggest |key |real )?(concerns?|worry|worries|hesitation|reservations?|frustration|point about|feedback about)"
         r" (about|around|over|re|regarding|with|that|is|are|was|were|on)",
         "names the other person's concern in their terms"),
    Rule(r"I (know|%realise%|%recognise%|'m aware|am aware|can imagine|can tell) (that )?(you|your|this is|this has|this puts|it's been|it has been|how|the pressure|the deadline|the (\w+ ){1,2}(is|are|was|has|feels|looks)|this (affects|impacts|matters|means))",
         "shows awareness of the other person's position"),
    Rule(r"(so )?what (I'm hearing|I am hearing|you're saying|you are saying)|if I (%understand%|read|heard) (you )?(correctly|right)"
         r"|(to make sure|just to check|let me check|let me make sure|to check) (I|I've|I have|we've) (%understand%|understood|got|heard)"
         r"|it sounds like (you|your|the)|sounds like (you're|you are|your|the main|the concern|the worry)"
         r"|(I |totally |completely |really )?hear you|I hear (what|your|the)|%appreciate% (the|your) (frankness|honesty|candou?r|openness|directness|transparency)|point taken|I take (your|the) point|I see your point"
         r"|where you're coming from|where you are coming from|(thanks|thank you) for (taking the time to (explain|share|walk)|raising|flagging|sharing|explaining|being (clear|honest|open|upfront|candid|direct|straight|frank)|the (candid|honest|detailed|frank|clear))"
         r"|(that|it|this) makes (total |complete |perfect |a lot of |good )?sense|makes (total |complete |perfect |a lot of )?sense|sorry to hear|(that|it) must (have been|be) (really |so |very )?(frustrating|hard|difficult|annoying|stressful|disappointing)|%appreciate% (the|your) (frank|honest|candid|clear|detailed|quick|direct|thoughtful) (feedback|notes|comments|reply|response)|(yes|ok|okay),? understood|fair enough that|(see|take|get|%understand%) (the|your) point|(%understand%|%appreciate%|see|get|know|%recognise%|%realise%) (that )?(you|your|the \w+( \w+)?|they|he|she) (want|wants|need|needs|prefer|prefers|would like|would prefer|'re keen|are keen|is keen|feel|feels|worry|worries|love|loves|like|likes|is attached|are attached)|%appreciate% (you|your) (being )?(upfront|honest|open|clear|candid|straight|frank|direct|honesty|candou?r)|(take|taking|taken|took) (that |this |it |your \w+ )?on board|heard you|(totally|completely|fully|really) (see|get|%understand%|hear) (why|where|that|the|your|it|you)|(you've|you have) made (it )?(very )?clear|play(ing)? back|reflect(ing)? back|understandabl[ey]|totally get (it|that|why)|I get it"
         r"|(yes|yeah|absolutely|agreed|true),? (and|you're right|that's|it's)|I see why|I can see (that|your|the)"
         r"|(your|the) (concern|point|feedback|worry) (is|are) (valid|fair|noted|heard|understood|reasonable)"
         r"|(noted|heard|understood),? (and|thank)|(is|are) (such )?(a big deal|important|a priority|stressful|a worry|a headache|hard) (for|to) you|you've been (clear|honest)|I know how (important|frustrating|much)",
         "reflects back or validates what the other person said"),
]

_BUSINESS = [
    Rule(_BIZ, "ties the point to a business outcome, goal or constraint rather than taste"),
    Rule(r"(you|u|they|he|she|the client|your team) (said|mentioned|told (me|us)|explained|stressed)( that)?( yourself)? (you|u|they|he|she|your team|the team|the business|it) (need|needs|have to|has to|must|can't afford|are under pressure|is under pressure)",
         "links back to a need the other side shared"),
    Rule(r"(paying|pay|spend|spending|lose|losing|lost|waste|wasting|costs? (you|us|them)) (\w+ ){0,3}(more|double|twice|extra|money|the rate|fees|customers|sales|revenue)",
         "names what it would cost the stakeholder"),
    Rule(r"(the|that) ([\w-]+ ){0,2}(challenge|problem|issue|pressure|goal|constraint|concern|target) (you|the client|they|he|she|your team) (mentioned|shared|raised|described|flagged|set|outlined|explained|have|face|are facing)",
         "links back to a challenge the other side shared"),
    Rule(r"(your|the client's|their|our|the team's|the company's|the board's|the brief's) (main |biggest |key |top |number one |stated |own |core |whole )?"
         r"(aim|priority|priorities|challenge|challenges|pain points?|needs|mission|ambition|objective|goal|purpose|point of the \w+)",
         "ties the point to what the stakeholder is trying to achieve"),
    Rule(r"(hit|meet|hold|keep|protect|make|miss) (the|your|our|their|this|that) (\w+ )?(date|deadline|target|budget|sla|numbers|launch)|(to|will|would|won't|can't|cannot|could) (hit|meet|reach|achieve|protect|grow|reduce|cut|increase|improve|win|retain|miss|lose|jeopardi[sz]e|undermine|shift|drive|deliver) (the|your|our|their|this|that|its) (\w+ ){0,2}(target|goal|deadline|numbers?|budget|date|margin|revenue|sales|share|costs?|customers|clients|market|objective|kpis?|sla|growth|plan|perception|launch|results)",
         "names the outcome the recommendation serves"),
    Rule(r"(would|will|could|might|is going to|risks?) (cost|delay|hurt|reduce|lose|miss|damage|slow|push back|jeopardi[sz]e|undermine|increase|set back|put at risk|break|harm|annoy|upset|alienate|frustrate|confuse)|set (us|you|them|the \w+|the team|the project|the launch|it) back",
         "names a consequence for the stakeholder's business"),
    # round 17: an objective stated as "the brief / our goal is to <outcome>", and OKRs
    Rule(r"(the|our|your|their|this|the client's) (brief|objective|aim|goal|mandate|remit|job|purpose|okr|kpi|target)s?,? "
         r"([\w,]+ ){0,3}(is|are|was|were|says|asks( us)?) to (reach|win|attract|grow|sell|convert|hire|cut|reduce|increase|drive|get"
         r"|lift|boost|hit|protect|keep|bring|make|launch|open|fill|deliver|save|build|double|halve|improve|lower|raise)",
         "grounds the point in the stakeholder's stated objective"),
    Rule(r"okrs?|north star metric|quarterly (targets?|goals?|numbers)",
         "ties the point to the stakeholder's goals"),
]

_EVIDENCE = [
    Rule(r"(£|\$|€|usd |gbp |eur |aed )\s?" + _NUM + r"(\.\d+)?(k|m|bn|million|billion|thousand)?", "cites a specific amount"),
    Rule(_NUM + r"(\s?(%|per ?cent|percent|pts|points|x|k|m|bn|million|billion|thousand))", "cites a specific number"),
    Rule(_NUM + r"\+? " + _COUNTED, "cites a specific number"),
    Rule(r"(two|three|four|five|six|seven|eight|nine|ten|\d+) (days|weeks|months) (early|ahead|late|under|over|faster|sooner)|for (two|three|four|five|six|seven|eight|nine|ten|\d+) (straight )?years|(took|takes|taken|over|in) " + _NUM + r" (days|weeks|months|years)|(been (open|vacant|empty|live|running)|open|vacant|empty) (for )?" + _NUM + r" (days|weeks|months)|" + _NUM + r" " + _TIME_UNITS + r" (of experience|ago|early|late|ahead|behind|faster|slower|later|earlier)",
         "cites a specific duration"),
    Rule(r"\d{1,2}(st|nd|rd|th)? (january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)|(page|clause|section|slide|line|item|appendix) \d+",
         "cites a specific date or reference"),
    Rule(_WORDNUM + _COUNTED + r"|(two|three|four|five|six|seven|eight|nine|ten|most|half|all|" + _NUM + r") of (your|our|the|their|his|her) (\w+ )?" + _COUNTED, "cites a specific count"),
    Rule(r"(in|since|from|during|back in) (19|20)\d\d|(19|20)\d\d (campaign|launch|rollout|project|results|data|survey|study|report)",
         "cites a dated example"),
    Rule(r"(went|fell|dropped|rose|grew|cut|down|up|came down|went down|went up|reduced|increased) from " + _NUM + r"( \w+)? to " + _NUM + r"|(double|twice|half|three times|triple) (the|as)|(doubled|tripled|halved|quadrupled|grew by|fell by|dropped by|rose by|increased by|decreased by|cut by|went up by|went down by)",
         "cites a measured change"),
    Rule(r"for (example|instance)|e\.g\.|such as when|a case in point|to give (you )?an example|one example",
         "gives an example"),
    Rule(r"(when|the time) (we|they|I|our team|another client|a client) (did|ran|tried|launched|placed|worked|used|moved|switched|hired|changed|rolled|tested|piloted|went)",
         "recalls a past example"),
    Rule(r"(?<!for\x20the\x20)last (year|time|quarter|month|spring|summer|autumn|fall|winter|campaign|project|round|season|cycle|rollout|launch|hire|year's)",
         "points to a past example"),
    Rule(r"(a|another|one|the) (very )?(similar|comparable|analogous|equivalent|parallel) (client|brand|role|project|case|situation|company|campaign|team|rollout|business|search|hire|market|retailer|firm|organi[sz]ation|department|example|scenario|problem|brief)",
         "brings in an analogous situation"),
    Rule(r"(another|a previous|a past|one of (our|my)( other)?|our other|a former|a recent) (clients?|brands?|projects?|campaigns?|accounts?|hires?|placements?|candidates?|rollouts?|searches)",
         "brings in an analogous situation"),
    Rule(r"the only (candidate|one|person|finalist|applicant|supplier|vendor|option|agency|firm) (who|that|with|to)|case stud(y|ies)|success stor(y|ies)|track record|proven|precedent|benchmarks?|industry average|best practice",
         "cites a success story, a track record or a benchmark"),
    Rule(r"(in|at) (my|our|a) (last|previous|former|old) (role|company|agency|project|job|firm|client|team)|previously|in the past|historically",
         "draws on past experience"),
    Rule(r"(we've|we have|I've|I have|they've|they have|we|I) (seen|saw|watched|had|done|tried|delivered|placed|run|found|learned|learnt) (this|that|it|the same|similar|exactly)|as (we|you|they) (saw|found|learned|learnt|know from|discovered) (with|at|in|on|from|last)",
         "draws on past experience"),
    Rule(r"(research|data|the numbers|the figures|survey|surveys|study|studies|analysis|results|testing|the test|a/b test|pilot|trial|benchmark|report|analytics|feedback|metrics|stats|statistics|evidence)"
         r" (shows?|showed|suggests?|suggested|found|finds|indicates?|indicated|proves?|proved|demonstrates?|demonstrated|tells? us|told us|says|said|points to|backs)",
         "cites data or research"),
    Rule(r"according to|based on (the|our|his|her|their|your|last|what)|as per (the|our|your|their) (brief|contract|report|data|notes|spec|agreement|proposal|plan)|as (stated in|agreed in|set out in|noted in|written in|outlined in|shown in|laid out in|specified in|discussed in|captured in|recorded in)",
         "rests the point on a source"),
    Rule(_PROPS + r" (you shared |you sent |we agreed |itself |you gave us )?(came back|come back|picked|preferred|chose|rated|says|states|said|stated|asks|asked|calls for|called for|shows|showed|mentions|specifies|confirms|lists|notes|highlights|was clear|is clear|sets out|set out|requires|required|asks for|asked for|puts|put|has|had|from)",
         "cites a document, one of the props that support facts"),
    Rule(r"(in|from|on|see|attached|check) (the|your|our|his|her|my|their|this) (original |signed |agreed |latest |last |own )?" + _PROPS,
         "cites a document, one of the props that support facts"),
    Rule(r"(he|she|they|the candidate)('s| has| have| had| is| was)? (led|managed|built|ran|delivered|grew|cut|launched|spent|worked|scaled|set up|won|hired|reduced|increased|placed|held|owned|designed|implemented|doubled)",
         "cites a specific fact about the candidate or situation"),
    # round 17: a counted track record ("ran the last two audits", "placed three managers")
    Rule(r"(ran|run|led|passed|won|closed|placed|shipped|rolled out|turned around|fixed|saved|delivered|managed|hired|launched|completed|handled) "
         r"(the |her |his |their |our )?(last |previous |past |first )?(two|three|four|five|six|seven|eight|nine|ten|\d+) \w+",
         "cites a specific track record"),
]

_ALTERNATIVE = [
    Rule(r"(I|we)('d| would| will|'ll)? (strongly |gently |really |honestly |still )?(%recommend%|%suggest%|propose|advise|advocate)(?!\s+(is|was|are|were|has|had|will|would|works|worked)\b)",
         "recommends a way forward"),
    Rule(r"(my|our|one) (recommendation|suggestion|proposal|preferred option)|(recommendation|suggestion|proposal|idea|alternative|one thought|way forward|next step|option|propose|suggest|recommend|offer)s?:|(swap|switch|replace|trade|move) (the|our|your|it|this|that) (\w+ ){0,3}(for|with|to) (a|an|the|our|your|\w+)|(suggest|suggesting|propose|proposing) (that )?we|(maybe|perhaps) (we|you) (could |should |just |can )?\w+|a (quicker|better|safer|cheaper|simpler|faster|smarter) (win|way|option|route|approach|path|fix) (would be|is|might be)",
         "recommends a way forward"),
    Rule(r"how about|what about (if|we|trying|keeping|running|testing|using|a|an|the|moving|doing|making|going|one|two|just|having|adding|dropping|cutting)|(could|can|should) [a-z]+ (take|handle|cover|lead|own|pick up|step in)|what if (we|you|I|they)|instead|alternatively"
         r"|an? (alternative|middle~ground|compromise|workaround|counter~proposal)|rather than|one option|another option|two options|a few options|other options|option (a|b|1|2|one|two)"
         r"|plan b|meet (you )?(half~?way|in the middle)|a (different|new|revised|second|lighter|smaller|shorter|simpler|phased|hybrid|cheaper|bolder|fresh) (version|route|approach|option|concept|draft|shortlist|plan|take|direction|structure|format|timeline|brief|proposal|cut|edit|treatment|idea|way)",
         "offers a different way forward, not just an objection"),
    Rule(r"((we|you|I|they) (could|can|might|should|shall|may want to|could always|could just|can still|could still|could even)|(could|can|shall|should|might) (we|you|I)) ((maybe|perhaps|just|at least|still|also|first|quickly|possibly|not) ){0,2}"
         r"(try|test|run|keep|offer|add|move|shift|split|trial|pilot|start|phase|interview|meet|put|combine|launch|extend|reduce|hold|create|develop|mock|prepare|present|swap|scale|focus|pair|tweak|adapt|show|include|roll|stagger|reframe|retain|%schedule%|book|use|go|look at|consider|explore|send|share|draft|sketch|build|set|arrange|push|delay|postpone|defer|limit|cap|cut|drop|replace|rework|rewrite|redo|shortlist|ask|frame|position|re~?brief|keep|benchmark|compare|measure|track|review|sample|prototype|soft~launch|a/b|pause|demo|release|ship|stage|do (a|an|one|two|some|the|it|both)|swap|switch|renegotiate|offer|fast~track|make|give|agree|trim|simplify|shorten|lengthen|soften|separate|hire|borrow|license|negotiate|pay)",
         "proposes a concrete next step"),
    Rule(r"(let's|shall we|why don't we|why not) (just )?(lend|borrow|hold off|wait|try|test|run|keep|add|move(?! on)|split|trial|pilot|start|phase|interview|put|combine|launch|extend|mock|prepare|swap|focus|pair|tweak|show|include|roll|stagger|book|do|use|explore|send|share|draft|arrange|push|delay|postpone|compare|take|find|agree|give|plan|aim|build|pause|cut|trim|offer|fast~track|check in|revisit)",
         "proposes a concrete next step"),
    Rule(r"would you be (open|willing|up) (to|for)|would you (\w+ )?(meet|consider|try|give|agree|interview|take a look|look at|see)|would it help (if|to)|would it be (useful|worth|helpful|better|an option|easier) (to|if)|(I'd|I would|we'd|we would) rather (we|you|I) \w+|are you open to|would you consider|(is|would) (it|that) (be )?(ok|okay|possible|worth) (if|to)|could you (give|let|share|meet|spare|try|consider|take|see|look)",
         "invites agreement to a concrete next step"),
    Rule(r"(I|we)('ll| will|'d be happy to|'d be glad to|'re happy to|are happy to|can|could) (put together|draft|prepare|send( over)?|mock up|pull together (a|an|the|some|two|three|options)|share|come back( to you)? with|work up|outline|sketch|set up|write up|build|run(?! it past| this past| it by| this by)|have .{0,20} ready|get .{0,20} over)",
         "commits to a concrete next step"),
    Rule(r"let me (go back|send|put together|pull together|draft|find|look for|source|prepare|come back with|mock up|sketch)|next steps?|(here's|here is) what I (propose|%suggest%|%recommend%)|the way forward|a way forward|proposed plan|action plan|(a|one) (quick |small |short |limited |low~risk |two~week |\d+~week )?(pilot|trial|test run|a/b test|split test|phased approach|phased rollout|soft launch)",
         "proposes a concrete next step"),
    # round 17: proposals without a subject ("=> recommend we go to offer Friday"), "worth a ...?", "X first"
    Rule(r"(%recommend%|%suggest%|propose|advise)(ing)? (that )?(we|you|going|moving|making|keeping|holding|running|doing|trying|starting)",
         "recommends a way forward"),
    Rule(r"(is it |would it be |might be |could be |may be |it might be |it may be )?worth (a|an|another|trying|testing|doing|having|running|exploring|considering|piloting|revisiting)",
         "proposes a next step worth trying"),
    Rule(r"(fix|fixing|ship|shipping|do|doing|tackle|tackling|start with|starting with|%prioritise%|%prioritise%ing|prioritising|prioritizing|handle|handling) (that|this|it|the \w+( \w+)?) first",
         "proposes what to do first"),
]

_INVOLVE = [
    Rule(r"(get|ask|have) (my|our) (colleague|partner|manager|boss|director|lead|specialist|expert|head of \w+)|get (\w+ ){0,3}(on|onto|into|in) (the|a|our|your|this|that) (next )?(call|meeting|room|session|thread|loop|review)|((talk|speak|discuss|work|check|review|go through|walk through|meet|sit down|catch up|align|call|session|meeting|workshop|chat|it|this|that|together|jointly|through|over|in front of) with|in front of (you|your)|plus|alongside|bring|bringing|brought|loop|looping|ask|asking|invite|inviting|include|including|involve|involving|cc|copy|copying|pull|rope|meet|meeting|join|joined by|talk to|speak to|check with|run it past|run this past|run it by|run this by) (in )?([\w,]+ ){0,2}(the|our|my|your|their|his|her|both) (\w+ ){0,2}(team|teams|colleagues?|%colleague%s?|squad|crew|partners|panel|creative director|cd|md|managing director|director|head of \w+|line manager|manager|boss|ceo|cfo|cto|coo|cmo|vp|partner|team lead|lead|strategist|planner|account director|hiring manager|hrbp|hr business partner|recruiter|consultant|specialist|expert|engineers?|designers?|copywriter|producer|analyst|stakeholders|sponsor|founder|chair|finance director|ops lead|tech lead|architect|mentor|practice lead|principal|cio|cfo|ceo|cto|coo|cmo|chro|vp|head of \w+( \w+)?|director|manager|lead|leads|strategist|planner|creatives|chief \w+ officer)",
         "brings other people in"),
    Rule(r"(?!coming|came|come|feedback|data|input|numbers|people|someone|somebody|anyone|everyone|things|pressure|support|help)[a-z]+ from (the )?(\w+ )?(team|finance|legal|hr|sales|security|operations|ops|data|it|design|product|marketing|procurement|compliance|engineering|insights?|strategy|support)",
         "brings in a named colleague"),
    Rule(r"(join|joined|joins|joining|sit in on|sat in on) (your|our|the|a) (next )?(\w+ ){0,2}(session|meeting|call|review|workshop|interview|debrief)|(get|getting|ask for|asking for|seek|seeking|want|have) (\w+ ){0,3}\w+'s (view|input|take|opinion|read|thoughts|perspective|steer|blessing)|(call|meeting|session|chat|conversation|workshop) between (our|your|the|you|us|him|her|them)|pull together (a |some |the |our |your )?(few |small )?(team leads?|people|colleagues|group|experts|leads|heads|stakeholders)|(bring|loop|pull|rope|invite|get|include|involve|copy|cc|add|ask) ((him|her|them|\w+|\w+ \w+) )?(in|into|along|to join|to weigh in|to chime in|to sit in|in on|to (the|a) (call|meeting|session)|on the (call|thread|email))",
         "brings other people in"),
    Rule(r"bring [a-z]+ (from (\w+ ){1,2})?(into|in on|onto|to) (the|a|our|your) (next )?(\w+ )?(meeting|call|session|conversation|review|discussion)|(three|four)~way (call|meeting|chat)|(call|meeting|session|chat|conversation) with (you|him|her|them),? (\w+ )?and|(involve|involving|invite|inviting|consult|consulting|cc'd|copying in|copied in|looping in|loop in|looped in|pull in|bring in|brought in|I've asked|I have asked|has offered to|have offered to|'s offered to|offered to (buddy|help|support|mentor|join|sit in|pair|coach))",
         "brings other people in"),
    Rule(r"(get|getting|have|bring|put) (everyone|everybody|all of us|us all|the (whole )?team|both teams|all the stakeholders|the key people|all parties) (in|into|together|around|on)",
         "proposes a joint session with everyone"),
    Rule(r"(in|into) (the|a|one) (same )?room(?!\x20knows|\x20know|\x20agrees|\x20thinks)|in person|face~to~face|sit down (together|with)|get together|round the table|around the table|workshop|working session|huddle|war room|joint|jointly|(?<!put\x20)(?<!pull\x20)together|collaborat\w+|align (on|with)|second opinion|co~conspirator|ally|allies|peer review|sounding board|all meet|everyone together|both teams",
         "proposes working it through together"),
    Rule(r"(set up|book|arrange|%schedule%|%organise%|hold|have|put in|find time for|grab|convene|call|plan) (a|an|some) (\w+ ){0,2}(meeting|session|workshop|review|huddle|catch~up|sit~down|call with|debrief|walkthrough|walk~through)",
         "proposes a meeting to work it through"),
    Rule(r"(meeting|session|workshop|catch~up|sit~down|call|chat|conversation) (with|together with) (the|our|your|my|both|all|everyone|\w+ from)",
         "proposes a joint session"),
    Rule(r"(meet|talk|sit down|walk through|go through|work through|work it through|discuss|review) (it |this |that |things |the options )?(together|with (the|our|your|both|everyone|all))",
         "proposes working it through together"),
    Rule(r"(he|she|they) (trusts?|respects?|rates|listens to)|(you|the client|they) (trust|respect|rate)", "enlists someone the other person trusts"),
    # round 17: people brought onto a call or in to meet ("get your HR partner on a quick call", "brought Priya in to meet your FD")
    Rule(r"(get|got|getting|bring|have|put|pull|grab|hop) (\w+ ){0,6}(on|onto|into) (a|the) (quick |short |brief |\d+~minute |\d+~min |video |zoom |teams |joint |three~way )?(call|meeting|zoom|chat|video call)",
         "brings other people onto a call"),
    Rule(r"(bring|brought|bringing|invite|invited|inviting|ask|asked) (\w+ ){1,3}in to (meet|talk|chat|see|speak|walk|present)",
         "brings someone in to meet the stakeholder"),
]

_LET_GO = [
    Rule(r"(it's|it is|that's|that is|this is|ultimately|in the end|at the end of the day|the final|final|completely|entirely) (it's |it is |that's )?(entirely |completely |absolutely |of course )?(your|the client's|their|his|her|you're the one making the|the (board|committee|client|leadership|management|exec team|ceo|panel)'s) (call|decision|choice|say|shout)",
         "leaves the decision with the other person"),
    Rule(r"your (call|decision|choice|shout)", "leaves the decision with the other person"),
    Rule(r"((I|we)('ll| will|'re| are| am|'m)? )?(happy|glad|fine|ok|okay|content|comfortable|willing) (to|with) (go|proceed|move|run|support|back|follow|make|go ahead|park|drop|leave|accept|respect|stick|use|keep|put|let|roll|trust|do it your way|your|that|the|it)",
         "accepts the other person's decision"),
    Rule(r"(I|we)('ll| will|'re| are)? (go|going|proceed|proceeding|move|moving|press|pressing|crack|cracking|get|getting|push|pushing) (ahead|forward|on) (with (your|the|that|their|it|this|those)|as (you|agreed|requested|asked|planned|discussed)|then)",
         "moves on with the other person's choice"),
    Rule(r"((I|we)('ll| will| do| fully| completely| totally)? )?(fully |completely |totally |of course |happily |gladly |absolutely |still )?(respect|accept|support|back|defer to|go with|stand behind|honou?r|run with|proceed with|stick with) (your|the|that|their|this|his|her|the client's|the board's) (\w+('s)? ){0,2}(decision|call|choice|view|position|judge?ment|preference|direction|lead|instinct|plan|option|version|vendor|headline|approach|route|palette|edits?|changes)"
         r"|(respect|accept|support|back) (it|that|this|them) (fully|completely|100%)|(totally |completely |fully )?respect that|(I'll|we'll|I will|we will) (accept|support|back) it|go with the (\w+ ){0,2}you (chose|picked|prefer|preferred|want|wanted|suggested|asked for)"
         r"|(I'll|we'll|I will|we will|will) (let (the candidate|him|her|them|[a-z]+) know|leave (him|her|them|it|[a-z]+) out|keep hunting|keep looking|focus on the (other|remaining|local|rest)|withdraw|close (his|her|the) application|take (it|him|her|them) off)",
         "accepts the other person's decision"),
    Rule(r"(I|we)('ll| will|'m going to)? (drop|park|leave|let go of|shelve|withdraw) (it|this|that|the (point|matter|idea|issue|subject|proposal|request|suggestion|recommendation))|let (it|this|that) (go|rest|lie)|(I|we) (won't|will not|shan't) (push|press|labou?r|argue)|not (going to )?(push|press) (this|it|further|any further)|leave it (there|at that)",
         "stops before anyone is angered"),
    Rule(r"agree to disagree|no hard feelings|move on|fine by (me|us)|(go with|implement|use|run with|adopt|proceed with) the (\w+ ){0,2}you('ve| have)? (chose|chosen|picked|selected|preferred|asked for|suggested)|message received|(we'll|I'll|we will|I will) (run|use|go with) (the|your) (\w+ )?(version|option|cut|edit|draft|design|route|headline|one)|(I'll|we'll|I will|we will) support (the|your|their|it|this|that)|park the (\w+ ){0,2}(project|idea|plan|work|proposal|request) (until|for now|for the moment|for this)|let (him|her|them) down gently|(we'll|I'll|we will|I will) hand over|(leave|leaving|keep|keeping) (it|the \w+|them|this|that) as (you|they|the client) (had|wanted|asked|want|prefer|suggested)|(decision|call) as final|(do|doing) it your way|your way (it is|then)|(drop|park|shelve|scrap|bin|let go of) the (\w+ ){0,2}(idea|proposal|concept|route|plan|suggestion|request|option)|go back to the (\w+ ){0,2}(route|version|option|idea|plan|design|draft) (you|they|the client) (liked|preferred|wanted|chose|picked)|(proceed|go ahead|move forward|go|continue|run) with (option|version|plan|route|approach) [a-z0-9]+|as (you|the (client|board|committee|team|panel|steering group))( have|'ve| has)? (asked|requested|instructed|decided|agreed|wanted|preferred)|(the )?(decision|call|choice) is (yours|theirs|all yours|the client's)|(align|adapt|adjust) (our|the|my) (\w+ )?(plan|approach|work) to (it|that|your|their)|no worries(?!\x20if)|(we'll|I'll|we will|I will) (revert|switch back|go back|change it back) to|decision is final|(proceed|go ahead|move forward|carry on) on that basis|(update|adjust|change|amend|revise) (the|our|my) (\w+ ){0,2}(plan|schedule|timeline|storyboard|brief) accordingly|(won't|will not|not) (pursue|push|press) (it|this|that|the \w+( \w+)?) (further|any further)|as you('ve| have)? (asked|requested|instructed|preferred)|make (it|that|this|the \w+( \w+)?|your \w+) work|(support|back|accept|respect) (the \w+|your \w+) (fully|completely|wholeheartedly)|(if not|otherwise),? (no problem|no worries|that's fine|fair enough|all good)|no problem at all|the door is (always )?open|if (anything|things|it|that) changes|(happy|glad) to (revisit|pick this up|come back to)|(we|I) can (always )?(revisit|come back to|return to) (it|this|that)",
         "keeps the relationship open after letting go"),
    Rule(r"(you|they|he|she) know(s)? (your|their|his|her|the) (own )?(business|brand|team|market|customers|audience|people|clients|organisation|organization|company) (best|better)",
         "defers to the other person's knowledge of their own business"),
    Rule(r"(whichever|whatever) (you|they|the client) (decide|choose|prefer|pick|go with|think is best)|(I'll|we'll|I will|we will) (make|action|implement|apply|roll in|get on with) (the|those|these|your) (\w+ )?(changes|edits|amends|amendments|tweaks|updates|revisions)",
         "accepts the other person's decision and acts on it"),
    Rule(r"(we|I)('ll| will) (keep looking|look harder|keep searching|find (other|more|new|alternative) candidates|keep (working|going) on the (shortlist|search))|(let's|we'll|I'll) go with (your|the client's|their|his|her|that|the) (\w+ )?(choice|decision|version|option|call|preference|plan|approach|direction|idea|pick|favourite|favorite)",
         "lets go and moves on constructively"),
    Rule(r"(thanks|thank you) for (hearing me out|listening|considering|giving it a (fair )?hearing|taking the time to consider)|take [a-z]+ off (the|my|our|your) (shortlist|list)|(fair enough|understood|no problem|noted|heard|point taken|that's fine|all good|ok|okay)(,? [a-z]+)?[,.!]?( -| –| —)? (we'll|I'll|we will|I will|let's|then)",
         "closes graciously after being heard"),
    Rule(r"on board with (your|the|that) (decision|call|choice|direction)|(get|I'm|we're|I am|we are) on board|(I'll|we'll) (get behind|commit to|make it work)|(defer|bow) to (you|your|them|their|the client|the board|his|her)",
         "commits to the other person's choice"),
]

BUSINESS_WEAK_RULES: list[Rule] = [
    Rule(_BIZ_WEAK, "mentions a business matter (two distinct ones together count as a business reason)"),
]
"""Business words too common to count alone: two different ones in a draft make a business reason."""

COMPONENT_RULES: dict[str, list[Rule]] = {
    "acknowledge": _ACK,
    "business_reason": _BUSINESS,
    "evidence": _EVIDENCE,
    "alternative": _ALTERNATIVE,
    "involve": _INVOLVE,
    "let_go": _LET_GO,
}
