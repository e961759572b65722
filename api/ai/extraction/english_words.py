"""Word lists the English rules read context with."""
from __future__ import annotations

from core.names import TITLES

STOPWORDS = set("""
a an the and but or nor so yet for if then when while after before as at by in on of to from into
onto upon with without he she it they we you i me him her them us his hers its their our your my
this that these those there here what which who whom whose why how where yes no not never always
all some every each many much more most one two three four five six seven eight nine ten first last
next soon later meanwhile still suddenly finally eventually once now today tonight tomorrow yesterday
perhaps maybe even just only chapter part book volume prologue epilogue oh ah hey well alas o
together instead however although though because since until unless during despite unlike
like along among against above below behind beside beneath across inside outside beyond
again also already almost alone afterwards nothing everything someone everyone nobody somewhere
anything something anyone no-one none both either neither such other another any own same
very quite rather too enough thus hence therefore indeed besides moreover otherwise
is are was were be been am do does did has have had shall will would should can could may might must
let put tell go come take give get make look see wait stop listen keep bring leave help say ask
try run sit stand hold show call find think remember forgive please thank thanks sure good dear poor
fine right dear sorry hello goodbye farewell mind hush quick quiet why whatever
whoever whenever wherever yours ours mine theirs myself yourself himself herself itself ourselves
themselves don't i'm i'll i've i'd it's that's there's what's let's can't won't isn't wasn't
monday tuesday wednesday thursday friday saturday sunday january february march april june
july august september october november december christmas easter god heaven hell lord sir madam
english french german russian spanish italian american british irish scottish welsh dutch greek
roman indian chinese japanese christian catholic protestant jewish turkish arab egyptian persian
mr mrs ms dr mt miss master mistress majesty highness excellency lordship ladyship grace honour
southern northern eastern western continent englishman englishmen frenchman scotsman irishman
american americans afghan negro hindu hindoo muslim moslem mohammedan buddhist hebrew
hallo hullo bah pooh hurrah ha ho aye nay eh lo behold amen heavens providence almighty satan bible
""".split())
TITLE_WORDS = {t for t in TITLES["en"] if " " not in t} - {"st", "saint"}   # "St. Augustine" is a name
CONNECTORS = {"of", "the", "de", "du", "von", "van", "da", "del", "la", "le", "y"}
PLACE_WORDS = set("""
forest forests woods wood mountains mountain mount river sea ocean lake bay harbor harbour port
city town village hamlet castle keep tower citadel fortress fort temple hall gate gates bridge
valley vale isle island islands station colony planet moon desert plains hills hill marsh marshes
swamp street road lane avenue square market palace abbey inn tavern cave caves mines mine ruins
empire kingdom realm academy library docks spire peak pass falls coast shore glen fields canyon
district quarter outpost sanctum shrine cathedral church chapel manor estate garden gardens cliffs
reach moor moors fen fens heath downs wold highlands lowlands wastes waste sands springs well
park court place row terrace crescent gardens house farm mill cottage lodge grange hollow dale
creek brook stream lagoon strait sound cape head point ford bridge wharf quay pier county shire
province state republic land lands mount range ridge crag tor island
""".split())
PLACE_PREFIXES = {"mount", "mt", "lake", "port", "fort", "cape", "isle", "saint", "st", "glen",
                  "loch", "castle", "fort", "river"}
CONTAINERS = {"city", "town", "village", "kingdom", "county", "state", "province", "republic",
              "duchy", "isle", "island", "land", "empire", "realm"}   # "the City of London" names London
PLACE_NOUNS = set("""
city town village kingdom realm land country province county state island isle empire republic
duchy shire region district capital port harbour harbor fortress castle valley river sea lake
streets walls gates
""".split())
GROUP_WORDS = set("""
company council guild order brotherhood sisterhood legion army church society league clan tribe
party watch guard alliance senate parliament assembly circle crew band knights fellowship
coven cult syndicate consortium federation union navy fleet regiment brigade battalion klan
""".split())
SPEECH_VERBS = set("""
said says asked asks replied replies cried cries whispered whispers shouted shouts answered answers
muttered mutters called calls added adds exclaimed exclaims murmured murmurs snapped snaps
continued continues began begins told tells demanded demands insisted insists declared declares
laughed sighed growled hissed yelled screamed sobbed stammered protested admitted agreed explained
repeated observed remarked rejoined interrupted
""".split())
PERSON_VERBS = set("""
walked smiled nodded looked thought knew felt laughed sighed turned stood sat ran took gave
saw heard wanted loved hated wept cried frowned shrugged grinned waited watched listened hesitated
opened closed reached pulled pushed raised lifted dropped held kissed married died lived slept
woke rose fell sank entered left arrived went came returned followed found lost kept met wrote read
spoke sang danced fought killed struck seized caught threw picked set led sent brought carried
""".split())
OBJECT_VERBS = {"told", "asked", "thanked", "kissed", "married", "met", "saw", "loved", "helped",
                "followed", "called", "named", "hugged", "killed", "greeted", "answered", "dear", "poor"}
PLACE_PREPS = {"in", "at", "near", "through", "across", "inside", "outside", "beyond", "within",
               "past", "around", "reached", "entered", "visited", "toward", "towards", "into", "throughout"}
MOTION_VERBS = set("""
went walked travelled traveled sailed rode returned fled came flew marched journeyed headed moved
ran drove arrived escaped go goes going gone travel sail return back way set hurried hastened
wandered came comes coming led brought sent taken took carried moved removed emigrated returning
starting started travelling traveling driving riding sailing walking hurrying bound
""".split())
KIN_WORDS = {"brother", "sister", "mother", "father", "son", "daughter", "wife", "husband", "uncle",
             "aunt", "cousin", "friend", "nephew", "niece", "grandfather", "grandmother", "widow"}
LOOK_VERBS = {"looked", "stared", "glanced", "smiled", "laughed", "shouted", "pointed", "aimed",
              "nodded", "frowned", "winked", "grinned", "glared", "waved", "yelled", "barked", "gazed"}
GAZETTEER = set("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming carolinas chicago philadelphia
berkshire hampshire wiltshire oxfordshire devonshire lancashire cornwall norfolk suffolk essex
middlesex westminster reading bohemia poland austria hungary prussia sweden norway denmark
switzerland holland belgium portugal turkey persia arabia australia canada mexico brazil
peru chile cuba jamaica bengal calcutta bombay madras africa siberia afghanistan baltimore
charleston richmond savannah orleans liverpool manchester birmingham bristol plymouth portsmouth
southampton winchester salisbury exeter york leeds sheffield glasgow aberdeen dundee belfast

london paris rome england france spain italy germany russia scotland ireland wales america
india china japan egypt greece europe africa asia london york boston venice vienna berlin madrid
moscow athens jerusalem babylon troy sparta carthage constantinople lisbon naples florence oxford
cambridge bath dover edinburgh dublin brighton canterbury windsor kent sussex surrey devon
derbyshire yorkshire london
""".split())
GENERIC_WORDS = PLACE_WORDS | GROUP_WORDS | CONNECTORS   # words that name no one by themselves
EVENT_WORDS = {"war", "revolution", "battle", "siege", "treaty", "rebellion", "massacre"}   # "the Civil War": no entry
# Common given names (English and other European usage, 19th-century to now): a single word
# with no cue, or a name run with no cue, is a person's when it is (or starts with) one of them.
GIVEN_NAMES = set("""
aaron abel abigail abraham ada adam adela adelaide adrian agatha agnes alan albert alec alexander
alexandra alfred alice alison amanda amelia amos amy andrew angela ann anna anne annie anthony
antonio archibald archie arthur august augusta augustus barbara bartholomew beatrice ben benjamin
bernard bertha bertram bess bessie betty bill billy bob caleb carl carlo caroline catherine cecil
cecilia cecily charles charlie charlotte christopher clara clarence claude clement constance cora
cornelius cyril daisy dan daniel david deborah delia dick dinah dolly donald dora dorothy douglas
duncan edgar edith edmund edward edwin eleanor elena eliza elizabeth ella ellen elise elsie emily
emma ernest esther ethel eugene eva evelyn ezekiel fanny felix ferdinand florence frances francis
frank fred frederick george georgiana gerald gertrude gilbert giles godfrey grace gregory gwendolen
hannah harold harriet harry hattie hector helen helena henrietta henry herbert hester hilda irene horace
howard hubert hugh humphrey ida isaac isabel isabella ivan jack jacob james jane janet jasper jean
jemima jennie jenny jeremiah jerome jesse jessica jim jimmy joan joe john johnny jonathan joseph
josephine joshua judith julia julian julius kate katherine kitty laura lawrence leonard lewis lily
lizzie louis louisa louise lucy luke lydia mabel madeline maggie margaret maria marian marianne
marie marion martha martin mary matilda matthew maud maurice max meg michael miriam molly nancy
nathan nathaniel ned nell nellie nicholas noah nora oliver olivia oscar patrick paul pauline peggy
percy peter philip phoebe polly priscilla rachel ralph rebecca reginald richard robert roger
rosa rosamond rose ruth sally samuel sarah sherlock silas simon sophia sophie stephen susan
susanna sybil sydney thomas timothy tom tommy ursula victor victoria vincent violet walter
wilfred william willie winifred
""".split())
