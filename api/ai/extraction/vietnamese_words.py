"""Word lists the Vietnamese rules read context with (lower case, NFC)."""
from __future__ import annotations

from core.names import TITLES

# Person titles and kinship words before a name: "bà Mai", "hoàng tử Lang Liêu", "ông Bụt".
PERSON_TITLES = {tuple(t.split()) for t in TITLES["vi"]} | {
    (w,) for w in ("thần", "vợ", "chồng", "con", "bạn", "thằng", "cái", "bé", "nhỏ")}
# Titles that name no one by themselves: "Vương", "Hoàng-đế", "Thượng-hoàng"; "Trời" (Heaven).
TITLE_ONLY = {"vương", "đại vương", "hoàng đế", "thượng hoàng", "thái hậu", "thái tử", "hoàng hậu",
              "thiên tử", "chúa", "vua", "quan", "tướng", "thái thượng hoàng", "thiên triều",
              "tiên vương", "tiên đế", "quốc vương", "nhà vua",
              "trời", "đất trời", "trời đất", "thượng đế"}   # and Heaven, no one's name
# Offices of two words, written with only the first capitalised: "Quan Thượng thư", "ông Tổng đốc".
OFFICES = set("""thượng thư|tể tướng|thừa tướng|thái sư|thái úy|thái phó|thái bảo|tư đồ|tổng đốc|tuần phủ
|án sát|bố chánh|tri phủ|tri huyện|đô đốc|nguyên soái|đại tướng|hoàng thượng|thái giám|phò mã|công chúa
|hoàng tử|hoàng hậu|thái tử|thái hậu|quốc vương|đại vương|hoàng đế""".replace("\n", "").split("|"))
# Words before a group: "nhà Hán" (a dynasty), "quân Nguyên", "giặc Minh".
# "nhà" is also a home ("về nhà Cám"): it counts only when a text says it again and again.
WEAK_FACTION_CUES = {("nhà",)}
FACTION_CUES = WEAK_FACTION_CUES | {(w,) for w in ("quân", "giặc", "triều", "phe", "đảng", "binh")} | {
    ("nghĩa", "quân"), ("đạo", "quân"), ("triều", "đình")}
# Last syllables of a hyphenated title written before a name: "Hưng-đạo-vương Trần Quốc Tuấn".
TITLE_ENDINGS = {"vương", "hầu", "công", "đế", "chủ", "tướng", "sứ"}
# Syllables that make a person of a hyphenated name: "Thánh-tông", "Long-nữ", "Đế-minh".
PERSON_SYLLABLES = {"tông", "tổ", "vương", "đế", "nữ", "hậu", "công", "hầu", "nương", "chủ", "quân", "phi"}
# Last syllables that make a place of a name: "Giao Châu", "Ái-châu".
PLACE_ENDINGS = {"châu", "quận", "phủ", "huyện", "trấn", "động"}
# Middle names old spelling writes in lower case: "Lê văn Hưu", "Trần quốc Toản".
LOWER_MIDDLE_NAMES = set("""
văn thị nhật quốc ngũ diên công đình đức hữu khắc trọng quang xuân bá như duy thế tất viết minh
ngọc kim huy tiến sĩ phúc thanh hồng chí đăng quý tự doãn hưng khánh nguyên trung bảo
""".split())
SURNAMES = set("""
nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trịnh mạc kiều kiểu
khúc lưu triệu cao đào tô lương mai tạ đoàn vương trương chu hà lâm
""".split())
# Words before a place's name: "phố Hàng Bạc", "cầu Long Biên", "kinh thành Thăng Long".
PLACE_CUES = {tuple(c.split()) for c in """
làng|phố|cầu|chùa|đền|hồ|sông|núi|chợ|tỉnh|huyện|xã|thành|đảo|biển|quận|phường|ngõ|đường|
kinh thành|thôn|động|đầm|bến|cửa|thành phố|kinh đô|đất|nước|xứ|miền|vùng|rừng|hang|suối|đồi|
đèo|vịnh|cồn|bãi|ấp|bản|trấn|phủ|châu|cung|điện|lăng|đình|ga|cảng|khu|núi non|dãy núi|con sông|
ngôi chùa|ngôi đền|cánh đồng|đồng|giồng|vàm|cù lao|trận|kênh|rạch|
cửa biển|cửa sông|hòn|đỉnh|thung lũng|quê|tổng|dinh|thành trì|miếu|thác
""".replace("\n", "").split("|") if c.strip()}
# Place words naming a structure or natural feature: the place's name keeps them ("cầu Long Biên").
FEATURE_CUES = {tuple(c.split()) for c in """
cầu|chùa|đền|đình|miếu|chợ|bến|cửa|hồ|sông|núi|đảo|động|đầm|vịnh|hang|suối|thác|đèo|biển|rừng|đồi|
cồn|bãi|cung|điện|lăng|ga|cảng|kênh|rạch|hòn|đỉnh|thung lũng|dãy núi|cù lao|cửa biển|cửa sông|
cánh đồng|giồng|vàm|dinh|núi non
""".replace("\n", "").split("|") if c.strip()}
CLASSIFIERS = {"ngôi", "con"}   # "ngôi chùa", "con sông": the name keeps only the place word
# The place words that may also be written capitalised as the first word of the name
# ("Chùa Trấn Quốc", "Làng Vũ Đại"); the others are also common name syllables (Thành, Châu).
LEADING_PLACE_CUES = {tuple(c.split()) for c in """
làng|phố|cầu|chùa|đền|hồ|sông|núi|chợ|tỉnh|huyện|xã|đảo|biển|quận|phường|ngõ|kinh thành|thôn|
động|đầm|bến|thành phố|kinh đô|rừng|hang|suối|đèo|vịnh|ga|thung lũng|dãy núi|vùng|miền|xứ|
giồng|vàm|cù lao|trận|kênh|rạch|ấp|đình|miếu|thác
""".replace("\n", "").split("|") if c.strip()}
# Names that start with a place word but name a person (surname Hồ): "Hồ Chí Minh", "Hồ Xuân Hương".
MIDDLE_NAMES = {"chí", "xuân", "văn", "thị", "quý", "đức", "hữu", "ngọc", "minh", "thanh"}
# Verbs of speaking after a person: "Mai nói", "Sơn Tinh đáp".
SPEECH_VERBS = set("""
nói hỏi đáp bảo kêu thưa gọi hét quát thét than dặn trả nghĩ thốt khóc cười mắng van xin
lẩm nhẩm reo gắt cãi khuyên hứa
""".split())
# Verbs a person does (weak hints): "Mai đi", "An Tiêm ra".
PERSON_VERBS = set("""
hiện đi về đến ngồi đứng thấy biết muốn lấy cầm nhìn nghe yêu thương ăn uống ngủ chạy bước mang
làm sinh lớn cưới chết sống nhớ mừng buồn giận sợ lo đưa tặng cho vội liền bèn cũng vẫn đã
""".split())
# Motion words before a place (weak hints): "về Huế", "ở Hà Nội".
PLACE_PREPS = {"ở", "tại", "đến", "tới", "về", "vào", "sang", "qua", "từ", "rời", "lên", "xuống", "ra",
               "khắp", "quanh", "giữa", "trong", "ngoài", "đánh", "lấy", "chiếm", "giữ", "thuộc", "đóng",
               "tiến", "kéo", "qua", "ngang"}
ERA_WORDS = {("năm",), ("niên", "hiệu"), ("niên-hiệu",), ("đổi", "niên", "hiệu")}   # "năm Quang Thái"
NAMING_WORDS = {("tên", "là"), ("tên",), ("gọi", "là"), ("hiệu", "là"), ("tên", "gọi", "là")}
# Common words a sentence may start with, which are then capitalised: "Mùa thu", "Ngày xưa", "Một hôm".
STOPWORDS = set("""
tôi ta tao mày nó họ chúng mình ai gì đâu nào sao này đó ấy kia kìa và nhưng mà thì là của có
không chẳng chả được bị đã sẽ đang vẫn cũng lại rồi thế vậy nên vì bởi nếu khi lúc sau trước trong
ngoài trên dưới từ đến với cho về ra vào một hai ba bốn năm sáu bảy tám chín mười trăm nghìn mấy
các những mọi mỗi cả tất ngày đêm hôm tháng mùa xưa nay bây giờ chiều sáng tối trưa đời thuở hồi
dạo đừng hãy xin vâng dạ ừ ồ ôi chao à ơi này nọ thật quả còn chỉ vừa mới bỗng chợt liền bèn
tuy dù song để phải nghe thấy đi lên xuống người con nhà chuyện thời buổi hằng luôn rất lắm
như giống theo bên cạnh giữa quanh suốt khắp sang qua tới tại ở đây đấy kẻ bọn đám lũ tụi chiếc cái
nhiều ít đầu cuối lần phía thôi nhé nhỉ chứ đi sớm muộn rằng bảo nói hỏi hắn y xét kẻo nhận
lạy bẩm thưa ối chà hừ úi ái ô kìa
""".split())
# A few well-known places (the rules find the rest).
GAZETTEER = {g.strip() for g in """
hà nội|huế|sài gòn|việt nam|thăng long|đà nẵng|hải phòng|nam định|phong châu|văn lang|âu lạc|
cổ loa|hồ gươm|hoàn kiếm|trung quốc|pháp|nhật bản|bắc kinh|gia định|đông kinh|đồng nai|cần thơ|
hội an|sơn tây|bắc ninh|thanh hóa|thanh hoá|nghệ an|hà tĩnh|quảng nam|quảng ngãi|bình định|
lạng sơn|cao bằng|tây ninh|vĩnh long|mỹ tho|biên hòa|chợ lớn|hà đông|hưng yên|ninh bình|
thái bình|hải dương|quảng trị|quảng bình|bắc giang|tuyên quang|yên bái|phú thọ|hòa bình|
điện biên|sơn la|lào cai|hà giang|thái nguyên|kinh bắc|nam bộ|bắc bộ|trung bộ|đông dương|
chiêm thành|chăm pa|lào|xiêm|ai lao|đại việt|đại cồ việt|giao chỉ|an nam|bắc hà|đàng trong|
đàng ngoài|tây hồ|ba vì|tản viên|long biên|hồng hà|cửu long|mê kông|trường sơn|phù đổng|
giao chỉ|cửu chân|nhật nam|hợp phố|lĩnh nam|nam việt|bạch đằng|chi lăng|vạn kiếp|tây đô|
thanh hóa|nghệ an|tứ xuyên|quảng tây|quảng đông|vân nam|hồ bắc|hồ nam|giang nam|an nam|
lũng nhai|đông đô|đông quan|hoa lư|mê linh|luy lâu|long thành|tống bình
""".replace("\n", "").split("|") if g.strip()}
# The cyclic year names: "Canh-Tý", "Nhâm Dần" are years, not names.
STEMS = set("giáp ất bính đinh mậu kỷ canh tân nhâm quý".split())
BRANCHES = set("tý sửu dần mão mẹo thìn tỵ tị ngọ mùi thân dậu tuất hợi".split())
