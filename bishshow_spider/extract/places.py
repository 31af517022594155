"""Places a Bangladeshi byline ends with ("নিজস্ব প্রতিবেদক, পঞ্চগড়"): the 64 districts (which
include the division seats) in Bengali and English, old spellings too, and the foreign cities
datelines name most. Case-folded and NFC, as the text they are compared with."""

from __future__ import annotations

import unicodedata

_BENGALI = """
বাগেরহাট বান্দরবান বরগুনা বরিশাল ভোলা বগুড়া ব্রাহ্মণবাড়িয়া চাঁদপুর চাঁপাইনবাবগঞ্জ চট্টগ্রাম
চুয়াডাঙ্গা কক্সবাজার কুমিল্লা ঢাকা দিনাজপুর ফরিদপুর ফেনী গাইবান্ধা গাজীপুর গোপালগঞ্জ হবিগঞ্জ
জামালপুর যশোর ঝালকাঠি ঝিনাইদহ জয়পুরহাট খাগড়াছড়ি খুলনা কিশোরগঞ্জ কুড়িগ্রাম কুষ্টিয়া লক্ষ্মীপুর
লালমনিরহাট মাদারীপুর মাগুরা মানিকগঞ্জ মেহেরপুর মৌলভীবাজার মুন্সীগঞ্জ মুন্সিগঞ্জ ময়মনসিংহ নওগাঁ
নড়াইল নারায়ণগঞ্জ নরসিংদী নাটোর নেত্রকোনা নীলফামারী নোয়াখালী পাবনা পঞ্চগড় পটুয়াখালী পিরোজপুর
রাজবাড়ী রাজশাহী রাঙামাটি রংপুর সাতক্ষীরা শরীয়তপুর শেরপুর সিরাজগঞ্জ সুনামগঞ্জ সিলেট টাঙ্গাইল
ঠাকুরগাঁও লন্ডন কলকাতা দিল্লি নয়াদিল্লি নিউইয়র্ক ওয়াশিংটন জাতিসংঘ
"""
_ENGLISH = """
bagerhat bandarban barguna barishal barisal bhola bogura bogra brahmanbaria chandpur
chapainawabganj chattogram chittagong chuadanga cumilla comilla dhaka dinajpur faridpur feni
gaibandha gazipur gopalganj habiganj jamalpur jashore jessore jhalokati jhalakathi jhenaidah
joypurhat khagrachari khagrachhari khulna kishoreganj kurigram kushtia lakshmipur laxmipur
lalmonirhat madaripur magura manikganj meherpur moulvibazar munshiganj mymensingh naogaon narail
narayanganj narsingdi natore netrokona nilphamari noakhali pabna panchagarh patuakhali pirojpur
rajbari rajshahi rangamati rangpur satkhira shariatpur sherpur sirajganj sunamganj sylhet tangail
thakurgaon london kolkata delhi washington
"""
PLACES = frozenset(
    unicodedata.normalize("NFC", name).casefold()
    for name in (*_BENGALI.split(), *_ENGLISH.split(), "cox's bazar", "new delhi", "new york")
)
