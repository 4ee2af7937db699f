# Each text stays on one line so that it can be found with grep.
"""Reference data for the Better Work compliance catalogue and the service-differentiation criteria.

Pure Python, no Django: this is the source data for the Cluster, CompliancePoint, Question,
ManagementSystemElement and ProgressItem models of ``assessments.models``. Codes are stable
identifiers (they are stored in the database and used in imports), so never renumber them; add
new entries at the end of their list instead.

Sources (the team's domain research on Better Work's public material, and the Better Work guideline):
- Clusters and compliance points: the Better Work Compliance Assessment Tool (CAT), its
  clusters and compliance points. The question texts are written in the style of the CAT, not copied from it; the
  real tool adapts its questions to each country's law.
- ``publicly_reported``: modelled on the Better Work public-reporting issues and the 21 Better
  Factories Cambodia critical issues.
- ``zero_tolerance``: the triggers of the Better Work Zero Tolerance Protocol.
- Management-system elements and progress-report items: the annex of the guideline
  "Rewarding good practice in High-performance factories" (2017), wording kept verbatim.

In every question, "yes" means non-compliance.
"""

from typing import Final, Literal, TypedDict

ClusterGroup = Literal["core_labour_standards", "working_conditions"]
ManagementSystem = Literal["HR", "OSH"]
ProgressGroup = Literal["social_dialogue", "learning"]


class QuestionSpec(TypedDict):
    code: str
    text: str
    publicly_reported: bool
    zero_tolerance: bool


class CompliancePointSpec(TypedDict):
    code: str
    name: str
    questions: list[QuestionSpec]


class ClusterSpec(TypedDict):
    code: str
    name: str
    group: ClusterGroup
    compliance_points: list[CompliancePointSpec]


class ElementSpec(TypedDict):
    code: str
    system: ManagementSystem
    text: str


class ProgressItemSpec(TypedDict):
    code: str
    group: ProgressGroup
    text: str


CATALOGUE_VERSION: Final[str] = "BW-2017"

# The 8 CAT clusters in the CAT's order: 4 core labour standards, 4 working conditions.
CLUSTERS: Final[list[ClusterSpec]] = [
    {
        "code": "CL",
        "name": "Child Labour",
        "group": "core_labour_standards",
        "compliance_points": [
            {
                "code": "CL-1",
                "name": "Child Labourers",
                "questions": [
                    {
                        "code": "CL-1.1",
                        "text": "Are there workers in the factory under the legal minimum working age?",
                        "publicly_reported": True,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "CL-1.2",
                        "text": "Does the employer fail to verify the age of workers through reliable documents before hiring them?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-1.3",
                        "text": "Are children below the minimum age present in production areas, for example accompanying or helping working parents?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-1.4",
                        "text": "Are workers under the minimum age working for the factory through subcontractors, labour agents or homeworkers?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-1.5",
                        "text": "Where child labourers have been identified, has the employer failed to take part in remediation that protects the child's interests, such as continued schooling and income support?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-1.6",
                        "text": "Are there indications that the employer hides underage workers from inspectors or keeps them off the payroll?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CL-2",
                "name": "Hazardous Work and other Worst Forms",
                "questions": [
                    {
                        "code": "CL-2.1",
                        "text": "Are workers under 18 subjected to any of the worst forms of child labour, such as forced or bonded labour, trafficking, commercial sexual exploitation or illicit activities?",
                        "publicly_reported": True,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "CL-2.2",
                        "text": "Do workers under 18 perform hazardous work, such as operating dangerous machinery, handling chemicals or carrying heavy loads?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-2.3",
                        "text": "Do workers under 18 work at night in violation of the law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-2.4",
                        "text": "Do workers under 18 work overtime, or longer hours than the law permits for young workers?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-2.5",
                        "text": "Are workers under 18 exposed to excessive heat, noise, dust or vibration in their work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CL-3",
                "name": "Documentation and Protection of Young Workers",
                "questions": [
                    {
                        "code": "CL-3.1",
                        "text": "Does the employer fail to keep a register of young workers showing their dates of birth and the work they do?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-3.2",
                        "text": "Does the employer fail to keep copies of the documents proving the age of each young worker?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-3.3",
                        "text": "Does the employer fail to obtain the medical examination or fitness certificate for young workers that the law requires?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-3.4",
                        "text": "Does the employer fail to respect the legal conditions for employing young workers, such as parental consent or registration with the labour authority?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CL-3.5",
                        "text": "Does the employer take on apprentices or trainees below the legal age for apprenticeship, or without a written apprenticeship agreement?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "DI",
        "name": "Discrimination",
        "group": "core_labour_standards",
        "compliance_points": [
            {
                "code": "DI-1",
                "name": "Race and Origin",
                "questions": [
                    {
                        "code": "DI-1.1",
                        "text": "Does the employer discriminate on the basis of race, colour, ethnicity or national origin in recruitment or hiring?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-1.2",
                        "text": "Does the employer discriminate on the basis of race, colour, ethnicity or national origin in pay, promotion, training or other conditions of work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-1.3",
                        "text": "Does the employer discriminate against workers of a particular race or origin in discipline or termination?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-1.4",
                        "text": "Are migrant workers treated less favourably than national workers with regard to wages, benefits or working conditions?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-1.5",
                        "text": "Are workers subjected to harassment or abusive language because of their race, ethnicity or nationality?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "DI-2",
                "name": "Religion and Political Opinion",
                "questions": [
                    {
                        "code": "DI-2.1",
                        "text": "Does the employer discriminate on the basis of religion in recruitment, hiring, pay or other conditions of work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-2.2",
                        "text": "Does the employer discriminate on the basis of political opinion in recruitment, hiring, pay or other conditions of work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-2.3",
                        "text": "Has the employer disciplined or dismissed workers because of their religion or political opinion?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-2.4",
                        "text": "Does the employer unreasonably restrict workers' religious practice at work where it would not disrupt operations?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-2.5",
                        "text": "Does the employer ask job applicants or workers about their religion or political affiliation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "DI-3",
                "name": "Gender",
                "questions": [
                    {
                        "code": "DI-3.1",
                        "text": "Has the employer terminated workers because they were pregnant, or forced pregnant workers to resign?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.2",
                        "text": "Has the employer terminated workers during or because of their maternity leave, or forced them to resign?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.3",
                        "text": "Are workers subjected to sexual harassment in the workplace, including unwelcome physical contact, remarks or requests for sexual favours?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.4",
                        "text": "Are men and women treated differently with regard to hours of work, rest, leave, OSH measures, social security, welfare or other benefits where the job does not require it?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.5",
                        "text": "Are women and men paid differently for work of equal value?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.6",
                        "text": "Does the employer use pregnancy tests, or ask about pregnancy, marital status or family plans, when recruiting?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.7",
                        "text": "Does the employer consider gender when hiring, assigning work, training or promoting workers where the job does not require it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.8",
                        "text": "Does the employer fail to give pregnant or breastfeeding workers the protections required by law, such as lighter work or exemption from night work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.9",
                        "text": "Does the employer fail to take measures to prevent sexual harassment, such as a written policy and a confidential way to report it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-3.10",
                        "text": "Does the employer fail to give breastfeeding workers the nursing breaks required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "DI-4",
                "name": "Other Grounds",
                "questions": [
                    {
                        "code": "DI-4.1",
                        "text": "Does the employer discriminate against workers on the basis of disability in recruitment, hiring or conditions of work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-4.2",
                        "text": "Does the employer require HIV tests, or discriminate against workers on the basis of their real or perceived HIV status?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-4.3",
                        "text": "Does the employer discriminate against workers on the basis of age in recruitment, conditions of work or termination?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-4.4",
                        "text": "Does the employer discriminate against workers on any other ground prohibited by national law, such as marital status, social origin or sexual orientation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-4.5",
                        "text": "Does the employer fail to make reasonable adjustments so that workers with disabilities can do their jobs safely?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "DI-4.6",
                        "text": "Does the employer fail to meet the quota for employing workers with disabilities where national law sets one?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "FL",
        "name": "Forced Labour",
        "group": "core_labour_standards",
        "compliance_points": [
            {
                "code": "FL-1",
                "name": "Coercion",
                "questions": [
                    {
                        "code": "FL-1.1",
                        "text": "Does the employer stop workers from leaving the workplace at any time, including during overtime, in order to force them to work?",
                        "publicly_reported": True,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "FL-1.2",
                        "text": "Does the employer use violence or threats of violence to intimidate workers and force them to work?",
                        "publicly_reported": True,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "FL-1.3",
                        "text": "Does the employer keep workers' passports, identity cards or other personal documents against their will?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-1.4",
                        "text": "Does the employer withhold wages or benefits to force workers to keep working or to stop them from resigning?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-1.5",
                        "text": "Does the employer require workers to pay a deposit or bond as a condition of employment?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-1.6",
                        "text": "Does the employer prevent workers from resigning, for example by refusing resignations given with the legal notice?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-1.7",
                        "text": "Does the employer restrict workers' freedom of movement outside working hours, including in employer-provided accommodation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "FL-2",
                "name": "Bonded Labour",
                "questions": [
                    {
                        "code": "FL-2.1",
                        "text": "Are workers bonded to the factory, for example through debts for recruitment fees or loans that they must work off?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-2.2",
                        "text": "Have workers paid recruitment fees or related costs to the employer or to a recruitment agency to get their job?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-2.3",
                        "text": "Does the employer use labour agencies or subcontractors that use bonded labour?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-2.4",
                        "text": "Are loans or wage advances repaid through deductions that exceed legal limits or keep workers in debt to the employer?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-2.5",
                        "text": "Does the employer charge workers for food, accommodation, tools or transport at rates that keep them in debt to the employer?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "FL-3",
                "name": "Forced Labour and Overtime",
                "questions": [
                    {
                        "code": "FL-3.1",
                        "text": "Does the employer force workers to work overtime beyond legal limits by threatening dismissal, penalties or loss of pay?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-3.2",
                        "text": "Are workers penalised, for example through fines, deductions or worse assignments, for refusing overtime?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-3.3",
                        "text": "Are workers made to work unpaid time before or after their shifts to meet production targets, under threat of punishment?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-3.4",
                        "text": "Are workers made to work on their weekly rest day or on public holidays against their will, under threat of a penalty?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "FL-4",
                "name": "Prison Labour",
                "questions": [
                    {
                        "code": "FL-4.1",
                        "text": "Does the employer use prison labour that is not carried out under the supervision and control of a public authority?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-4.2",
                        "text": "Does the employer use prison labour without the voluntary, written consent of the prisoners?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-4.3",
                        "text": "Are prisoners employed on terms less favourable than free workers, for example with regard to wages, safety or hours of work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FL-4.4",
                        "text": "Does the employer use the labour of people held in administrative detention, compulsory drug rehabilitation or re-education centres?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "FA",
        "name": "Freedom of Association and Collective Bargaining",
        "group": "core_labour_standards",
        "compliance_points": [
            {
                "code": "FA-1",
                "name": "Union Operations",
                "questions": [
                    {
                        "code": "FA-1.1",
                        "text": "Are workers prevented from forming or joining a union of their own choosing?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-1.2",
                        "text": "Does the employer require workers to get its permission before forming or joining a union?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-1.3",
                        "text": "Does the employer fail to deduct union dues where the law requires it, or deduct them without workers' authorisation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-1.4",
                        "text": "Does the employer fail to give union representatives the paid time off or facilities required by law or the collective agreement?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-1.5",
                        "text": "Does the employer prevent union representatives from meeting workers in the factory to carry out their union functions?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-1.6",
                        "text": "Does the employer prevent the union from holding meetings or elections, or from carrying out its activities outside working hours?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-1.7",
                        "text": "Does the employer obstruct the union's affiliation with a federation or confederation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "FA-2",
                "name": "Interference and Discrimination",
                "questions": [
                    {
                        "code": "FA-2.1",
                        "text": "Does the employer control or interfere with the formation, administration or activities of the union?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.2",
                        "text": "Has the employer terminated, demoted, transferred or otherwise punished workers because of their union membership or activity?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.3",
                        "text": "Is employment made conditional on joining, not joining or leaving a union?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.4",
                        "text": "Does the employer try to dominate the union, for example through financial support or by placing managers in its leadership?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.5",
                        "text": "Does the employer favour one union over another, or promote a union of its own choosing?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.6",
                        "text": "Does the employer keep or use blacklists of union members or activists?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.7",
                        "text": "Does the employer use threats, intimidation or bribes to discourage workers from joining or being active in a union?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.8",
                        "text": "Does the employer monitor union meetings or question workers about their union activities?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.9",
                        "text": "Does the employer discriminate against union members in pay, assignment of work, promotion or overtime?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-2.10",
                        "text": "Has the employer dismissed or transferred union representatives without following the special protection procedures required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "FA-3",
                "name": "Collective Bargaining",
                "questions": [
                    {
                        "code": "FA-3.1",
                        "text": "Does the employer refuse to bargain in good faith with a union that is entitled to bargain collectively?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-3.2",
                        "text": "Does the employer refuse to bargain with union federations or confederations that represent its workers?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-3.3",
                        "text": "Does the employer limit the issues that can be negotiated more narrowly than the law allows?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-3.4",
                        "text": "Does the employer negotiate directly with individual workers or non-union groups to undermine the union?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-3.5",
                        "text": "Does the employer fail to implement the terms of a collective agreement?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-3.6",
                        "text": "Does the employer fail to make the collective agreement available to workers?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-3.7",
                        "text": "Does the employer fail to give the union the information it needs for meaningful bargaining?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "FA-4",
                "name": "Strikes",
                "questions": [
                    {
                        "code": "FA-4.1",
                        "text": "Has the employer failed to reinstate eligible workers after a strike?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-4.2",
                        "text": "Has the employer punished workers for taking part in a lawful strike?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-4.3",
                        "text": "Has the employer hired replacement workers during a lawful strike where the law prohibits it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-4.4",
                        "text": "Has the employer locked out workers in violation of the law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "FA-4.5",
                        "text": "Has the employer used threats or other pressure to prevent or end a lawful strike?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "CO",
        "name": "Compensation",
        "group": "working_conditions",
        "compliance_points": [
            {
                "code": "CO-1",
                "name": "Minimum Wages / Piece Rate Wages",
                "questions": [
                    {
                        "code": "CO-1.1",
                        "text": "Does the employer fail to pay at least the legal minimum wage for ordinary hours of work, including to temporary workers?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-1.2",
                        "text": "Do piece-rate workers earn less than the legal minimum wage for their ordinary hours of work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-1.3",
                        "text": "Are probationary workers, trainees or apprentices paid less than the legal minimum wage for their category?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-1.4",
                        "text": "Did the employer fail to adjust wages when a new legal minimum wage came into force?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-1.5",
                        "text": "Are piece rates set without the consultation or approval that the law requires?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-1.6",
                        "text": "Are agency or subcontracted workers paid less than the legal minimum wage?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CO-2",
                "name": "Overtime Wages",
                "questions": [
                    {
                        "code": "CO-2.1",
                        "text": "Does the employer fail to pay the legal premium rate for all overtime hours worked?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-2.2",
                        "text": "Does the employer fail to pay the legal premiums for overtime worked on weekly rest days or public holidays?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-2.3",
                        "text": "Are piece-rate workers denied the overtime premium for hours worked beyond normal hours?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-2.4",
                        "text": "Is work done during breaks, or before or after recorded shifts, left unpaid as overtime?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-2.5",
                        "text": "Does the employer give time off in lieu instead of overtime pay where the law does not permit it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CO-3",
                "name": "Premium Pay",
                "questions": [
                    {
                        "code": "CO-3.1",
                        "text": "Does the employer fail to pay the legal premium for night work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-3.2",
                        "text": "Does the employer fail to pay the allowances required by law, such as attendance, seniority or meal allowances?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-3.3",
                        "text": "Does the employer fail to pay the legal premium for ordinary work on public holidays?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-3.4",
                        "text": "Does the employer fail to pay the annual bonus or thirteenth-month pay required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-3.5",
                        "text": "Does the employer fail to pay the premiums or allowances for hazardous work required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CO-4",
                "name": "Method of Payment",
                "questions": [
                    {
                        "code": "CO-4.1",
                        "text": "Does the employer pay wages less often than the law requires, for example less than every 15 days?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-4.2",
                        "text": "Does the employer pay wages late?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-4.3",
                        "text": "Are wages paid in a form the law does not allow, instead of legal tender or an authorised bank transfer?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-4.4",
                        "text": "Are wages paid to someone other than the worker, such as a supervisor or labour agent, without the worker's consent?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-4.5",
                        "text": "Is part of the wage paid in kind, such as goods or vouchers, beyond what the law allows?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-4.6",
                        "text": "Does the employer fail to pay all wages due within the legal time limit when workers leave?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CO-5",
                "name": "Paid Leave",
                "questions": [
                    {
                        "code": "CO-5.1",
                        "text": "Does the employer fail to pay workers correctly for annual leave?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-5.2",
                        "text": "Does the employer fail to pay workers correctly for public holidays?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-5.3",
                        "text": "Does the employer fail to pay maternity leave benefits as required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-5.4",
                        "text": "Does the employer fail to pay workers correctly for sick leave?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-5.5",
                        "text": "Does the employer fail to pay for other leave required by law, such as marriage, bereavement or paternity leave?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-5.6",
                        "text": "Does the employer fail to pay workers for unused annual leave when their employment ends?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CO-6",
                "name": "Social Security and Other Benefits",
                "questions": [
                    {
                        "code": "CO-6.1",
                        "text": "Does the employer fail to pay the required social security contributions for all eligible workers?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-6.2",
                        "text": "Does the employer fail to register all eligible workers with the social security scheme?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-6.3",
                        "text": "Are social security contributions calculated on a lower wage base than the law requires?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-6.4",
                        "text": "Does the employer deduct social security contributions from wages without paying them over to the scheme?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-6.5",
                        "text": "Does the employer fail to pay contributions to health insurance, work-injury insurance or other compulsory benefit schemes?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-6.6",
                        "text": "Does the employer fail to give workers the social security cards or documents they need to claim their benefits?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CO-7",
                "name": "Wage Information, Use and Deduction",
                "questions": [
                    {
                        "code": "CO-7.1",
                        "text": "Does the employer fail to give workers clear written information on how their wages are calculated when they are hired?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-7.2",
                        "text": "Does the employer fail to give workers an itemised pay slip showing wages, overtime, bonuses and deductions?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-7.3",
                        "text": "Does the employer make deductions from wages that the law does not permit?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-7.4",
                        "text": "Does the employer deduct from wages as a disciplinary measure?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-7.5",
                        "text": "Does the employer keep more than one set of payroll or time records, or records that do not show the actual hours worked and wages paid?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-7.6",
                        "text": "Does the employer fail to keep accurate payroll records for the period required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CO-7.7",
                        "text": "Do authorised deductions exceed the maximum share of wages permitted by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "CT",
        "name": "Contracts and Human Resources",
        "group": "working_conditions",
        "compliance_points": [
            {
                "code": "CT-1",
                "name": "Employment Contracts",
                "questions": [
                    {
                        "code": "CT-1.1",
                        "text": "Does the employer use short-term contracts or breaks in service so that bonuses, allowances and paid leave do not count the entire period of employment?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-1.2",
                        "text": "Does the employer fail to give workers a written employment contract where the law requires one?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-1.3",
                        "text": "Does the employer use fixed-term contracts beyond the limits set by law, such as for permanent work or with too many renewals?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-1.4",
                        "text": "Does the employer use a probation period longer than the law allows, or more than once for the same worker?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-1.5",
                        "text": "Do employment contracts contain terms less favourable than the law or the collective agreement?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-1.6",
                        "text": "Does the employer fail to give workers a copy of their contract in a language they understand?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-1.7",
                        "text": "Does the employer change the terms of workers' contracts without their agreement?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CT-2",
                "name": "Contracting Procedures",
                "questions": [
                    {
                        "code": "CT-2.1",
                        "text": "Does the employer use subcontracted workers to avoid its obligations under labour law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-2.2",
                        "text": "Does the employer hire workers through labour agencies or brokers that are not licensed or registered as the law requires?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-2.3",
                        "text": "Does the employer fail to ensure that migrant workers are recruited through lawful channels and receive the contract terms they were promised?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-2.4",
                        "text": "Does the employer use homeworkers without respecting their legal rights to the minimum wage, a contract and social security?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-2.5",
                        "text": "Does the employer fail to ensure that workers supplied by agencies or subcontractors receive the wages and benefits required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-2.6",
                        "text": "Does the employer fail to obtain the work permits required for migrant workers, or make workers pay for them?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CT-3",
                "name": "Dialogue, Discipline and Disputes",
                "questions": [
                    {
                        "code": "CT-3.1",
                        "text": "Does the employer, or anyone acting for it, use corporal punishment or physical abuse against workers?",
                        "publicly_reported": False,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "CT-3.2",
                        "text": "Are workers subjected to violence or an imminent threat of violence, including sexual violence, at the workplace?",
                        "publicly_reported": False,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "CT-3.3",
                        "text": "Has the employer retaliated against workers for speaking with Better Work, for example through dismissal, threats or penalties?",
                        "publicly_reported": False,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "CT-3.4",
                        "text": "Does the factory lack a functioning mechanism for dialogue with workers, such as the worker-management committee or elected workers' representatives the law requires?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-3.5",
                        "text": "Are grievances and disputes handled in a way that does not follow the procedures required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-3.6",
                        "text": "Are workers subjected to verbal abuse, humiliation or threats by managers or supervisors?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-3.7",
                        "text": "Does the employer lack written disciplinary rules that comply with the law and have been communicated to workers?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-3.8",
                        "text": "Does the employer impose disciplinary measures without giving workers a chance to defend themselves?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-3.9",
                        "text": "Does the employer fail to consult workers' representatives on matters where the law requires consultation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "CT-4",
                "name": "Termination",
                "questions": [
                    {
                        "code": "CT-4.1",
                        "text": "Does the employer terminate workers without a valid reason as defined by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.2",
                        "text": "Does the employer fail to give the notice, or pay in lieu of notice, required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.3",
                        "text": "Does the employer fail to pay the severance pay required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.4",
                        "text": "Does the employer fail to follow the legal procedures for retrenchment, such as consultation, notification of the authorities and fair selection criteria?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.5",
                        "text": "Are workers dismissed without an opportunity to defend themselves?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.6",
                        "text": "Has the employer failed to comply with an order to reinstate a worker who was unfairly dismissed?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.7",
                        "text": "Does the employer pressure workers to resign, for example by making their working conditions intolerable, to avoid its termination obligations?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "CT-4.8",
                        "text": "Does the employer fail to give departing workers the employment certificate or other documents required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "OS",
        "name": "Occupational Safety and Health",
        "group": "working_conditions",
        "compliance_points": [
            {
                "code": "OS-1",
                "name": "OSH Management Systems",
                "questions": [
                    {
                        "code": "OS-1.1",
                        "text": "Does the employer lack a written OSH policy signed by top management?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.2",
                        "text": "Has the employer failed to assess the workplace's safety and health risks and act on the findings?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.3",
                        "text": "Does the factory lack a functioning OSH committee with worker representatives where the law requires one?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.4",
                        "text": "Does the employer fail to communicate OSH policies and procedures to workers in a language they understand?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.5",
                        "text": "Does the employer fail to record work-related accidents and illnesses, or to report them to the authorities as required?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.6",
                        "text": "Does the employer fail to investigate work accidents and take measures to prevent them from happening again?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.7",
                        "text": "Does the employer fail to give workers, including new workers, training on the safety and health hazards of their jobs?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-1.8",
                        "text": "Does the employer lack the permits and inspections required for the building, boilers, electrical installations or other equipment?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-2",
                "name": "Chemicals and Hazardous Substances",
                "questions": [
                    {
                        "code": "OS-2.1",
                        "text": "Are chemicals and hazardous substances not labelled in a language workers understand?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.2",
                        "text": "Does the employer fail to keep safety data sheets, in a language workers understand, where chemicals are used?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.3",
                        "text": "Are chemicals stored without proper containment, ventilation and separation of incompatible substances?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.4",
                        "text": "Does the employer fail to train workers who handle chemicals in their safe use, storage and disposal?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.5",
                        "text": "Does the factory lack washing facilities and eye-wash stations where workers handle hazardous chemicals?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.6",
                        "text": "Does the employer fail to assess and control workers' exposure to hazardous chemicals, for example through ventilation or substitution?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.7",
                        "text": "Does the employer use chemicals that are banned under national law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-2.8",
                        "text": "Does the employer fail to dispose of chemical waste safely?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-3",
                "name": "Emergency Preparedness",
                "questions": [
                    {
                        "code": "OS-3.1",
                        "text": "Are any emergency exits locked or blocked during working hours, including overtime?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.2",
                        "text": "Does the factory lack sufficient emergency exits for the number of workers and the layout of each floor?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.3",
                        "text": "Does the employer fail to hold evacuation drills at least every six months, or as often as the law requires?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.4",
                        "text": "Are aisles, stairs or escape routes obstructed, or too narrow for safe evacuation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.5",
                        "text": "Does the factory lack a working fire detection and alarm system that can be heard and seen throughout the workplace?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.6",
                        "text": "Does the factory lack sufficient fire-fighting equipment that is accessible, maintained and regularly inspected?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.7",
                        "text": "Does the employer fail to train enough workers in fire-fighting and evacuation on every shift?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.8",
                        "text": "Are emergency exits, escape routes and fire-fighting equipment not clearly marked with signs visible in the dark or in smoke?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.9",
                        "text": "Does the factory lack emergency lighting in work areas, on stairs and along escape routes?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-3.10",
                        "text": "Do emergency exit doors open inwards or slide, or otherwise prevent a quick and easy escape?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-4",
                "name": "Health Services and First Aid",
                "questions": [
                    {
                        "code": "OS-4.1",
                        "text": "Does the factory lack first-aid kits that are sufficient, accessible and properly stocked?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-4.2",
                        "text": "Are there too few workers trained in first aid on each shift?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-4.3",
                        "text": "Does the employer fail to provide the medical staff, clinic or infirmary required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-4.4",
                        "text": "Does the employer fail to provide the medical examinations required by law, such as pre-employment and periodic check-ups?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-4.5",
                        "text": "Does the employer fail to ensure that injured or sick workers can be taken quickly to medical care in an emergency?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-4.6",
                        "text": "Does the employer fail to keep records of occupational health checks and first-aid treatment?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-5",
                "name": "Welfare Facilities",
                "questions": [
                    {
                        "code": "OS-5.1",
                        "text": "Does the employer fail to provide clean and sufficient drinking water for all workers?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-5.2",
                        "text": "Does the factory lack enough clean toilets, separate for men and women, within easy reach of workers?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-5.3",
                        "text": "Does the employer unreasonably restrict workers' use of toilets or access to drinking water?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-5.4",
                        "text": "Does the factory lack sufficient hand-washing facilities with soap?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-5.5",
                        "text": "Does the factory lack an adequate eating area separate from the work area where the law requires one?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-5.6",
                        "text": "Does the employer fail to provide the childcare facilities or lactation room required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-5.7",
                        "text": "Are workers who must stand for long periods denied seating or opportunities to rest?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-6",
                "name": "Worker Accommodation",
                "questions": [
                    {
                        "code": "OS-6.1",
                        "text": "Does employer-provided accommodation fail to meet legal and basic safety requirements, including emergency exits and fire safety?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-6.2",
                        "text": "Is employer-provided accommodation overcrowded, or without adequate ventilation, lighting and sanitation?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-6.3",
                        "text": "Does employer-provided accommodation lack safe drinking water and enough toilets and washing facilities?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-6.4",
                        "text": "Does employer-provided accommodation fail to give workers reasonable privacy and security, including separate facilities for men and women?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-6.5",
                        "text": "Is employer-provided accommodation located in a production building, or exposed to hazards from production?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-7",
                "name": "Worker Protection",
                "questions": [
                    {
                        "code": "OS-7.1",
                        "text": "Are dangerous moving parts of machines, such as belts, pulleys and gears, not fitted with safety guards?",
                        "publicly_reported": True,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.2",
                        "text": "Does the employer punish workers who remove themselves from a work situation they reasonably believe presents an imminent and serious danger to their life or health?",
                        "publicly_reported": False,
                        "zero_tolerance": True,
                    },
                    {
                        "code": "OS-7.3",
                        "text": "Does the employer fail to provide workers with the personal protective equipment they need, free of charge?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.4",
                        "text": "Does the employer fail to make sure that workers use the personal protective equipment provided and know how to use it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.5",
                        "text": "Are sewing machines used without needle guards, or cutting machines without blade guards and protective gloves?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.6",
                        "text": "Are electrical wires, switches and panels not properly installed, covered and maintained?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.7",
                        "text": "Does the employer fail to inspect and maintain boilers, compressors, lifts and other pressure or lifting equipment as the law requires?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.8",
                        "text": "Are workers required to lift or carry loads heavier than the limits set by law or good practice?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.9",
                        "text": "Are workers' chairs or workstations unsuitable, putting them at risk of strain injuries?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-7.10",
                        "text": "Do untrained or unauthorised workers operate or repair machinery and electrical equipment?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "OS-8",
                "name": "Working Environment",
                "questions": [
                    {
                        "code": "OS-8.1",
                        "text": "Is the temperature in the workplace uncomfortable or unsafe, without adequate ventilation or cooling?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-8.2",
                        "text": "Is there insufficient lighting at workstations for the work being done?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-8.3",
                        "text": "Are noise levels in the workplace above legal limits without effective controls or hearing protection?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-8.4",
                        "text": "Are workers exposed to excessive dust or fibres without adequate ventilation or respiratory protection?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-8.5",
                        "text": "Is the workplace dirty, cluttered or poorly maintained in a way that creates safety hazards?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-8.6",
                        "text": "Is the factory building structurally unsafe, or has it been altered without the required approvals?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "OS-8.7",
                        "text": "Does the factory lack sufficient space for workers to move and work safely?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
    {
        "code": "WT",
        "name": "Working Time",
        "group": "working_conditions",
        "compliance_points": [
            {
                "code": "WT-1",
                "name": "Regular Hours",
                "questions": [
                    {
                        "code": "WT-1.1",
                        "text": "Do regular weekly working hours exceed the legal limit, such as 48 hours?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-1.2",
                        "text": "Do regular daily working hours exceed the legal limit?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-1.3",
                        "text": "Does the employer fail to give workers at least one full day of rest in every seven days?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-1.4",
                        "text": "Does the employer fail to give workers the breaks required by law during the working day?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-1.5",
                        "text": "Do time records fail to show the hours actually worked, for example because workers clock out before they stop working?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-1.6",
                        "text": "Does the employer fail to respect the legal requirements for night work and shift work?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "WT-2",
                "name": "Overtime",
                "questions": [
                    {
                        "code": "WT-2.1",
                        "text": "Does overtime exceed the legal daily limit?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-2.2",
                        "text": "Does overtime exceed the legal weekly, monthly or annual limit?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-2.3",
                        "text": "Is overtime worked without being voluntary where the law requires it to be voluntary?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-2.4",
                        "text": "Does the employer fail to obtain the authorisations or permits for overtime required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-2.5",
                        "text": "Is overtime worked regularly rather than only in the exceptional circumstances the law permits?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-2.6",
                        "text": "Does the employer fail to consult workers' representatives or the union on overtime where the law requires it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-2.7",
                        "text": "Does the employer fail to give workers the legal minimum rest between the end of one shift and the start of the next?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
            {
                "code": "WT-3",
                "name": "Leave",
                "questions": [
                    {
                        "code": "WT-3.1",
                        "text": "Does the employer fail to give workers the paid annual leave required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-3.2",
                        "text": "Are workers paid instead of being allowed to take their annual leave, where the law requires the leave to be taken?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-3.3",
                        "text": "Does the employer fail to grant public holidays as required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-3.4",
                        "text": "Does the employer fail to grant maternity leave of the length required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-3.5",
                        "text": "Does the employer fail to grant the sick leave required by law, or demand unreasonable evidence for it?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-3.6",
                        "text": "Does the employer fail to grant paternity, marriage, bereavement or other leave required by law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                    {
                        "code": "WT-3.7",
                        "text": "Does the employer force workers to take their annual leave during low-production periods, against the law?",
                        "publicly_reported": False,
                        "zero_tolerance": False,
                    },
                ],
            },
        ],
    },
]

# The 13 management-system elements of the guideline's annex, in its order: "Contracts and HR
# Management Systems" (6) then "OSH Management Systems" (7).
MANAGEMENT_SYSTEM_ELEMENTS: Final[list[ElementSpec]] = [
    {"code": "HR-1", "system": "HR", "text": "Adequate Human Resources Policy"},
    {"code": "HR-2", "system": "HR", "text": "Adequate Recruitment Procedure"},
    {"code": "HR-3", "system": "HR", "text": "Adequate disciplinary and termination procedures"},
    {
        "code": "HR-4",
        "system": "HR",
        "text": "Assignment of accountability for following policies and procedures relating to HR management and performance",
    },
    {
        "code": "HR-5",
        "system": "HR",
        "text": "Communication and implementation of HR policies and procedures",
    },
    {
        "code": "HR-6",
        "system": "HR",
        "text": "Investigation of performance under HR policies and procedures and adjustments as needed",
    },
    {"code": "OSH-1", "system": "OSH", "text": "Adequate OSH Policy"},
    {"code": "OSH-2", "system": "OSH", "text": "Adequate emergency preparedness procedure"},
    {
        "code": "OSH-3",
        "system": "OSH",
        "text": "Adequate hazard/risk management and control procedure",
    },
    {"code": "OSH-4", "system": "OSH", "text": "Adequate accident investigation procedure"},
    {
        "code": "OSH-5",
        "system": "OSH",
        "text": "Assignment of accountability for carrying out health and safety responsibilities",
    },
    {
        "code": "OSH-6",
        "system": "OSH",
        "text": "Communication and implementation of OSH policies and procedures",
    },
    {
        "code": "OSH-7",
        "system": "OSH",
        "text": "Investigation, monitoring and measurement of OSH performance, and adjustments as needed",
    },
]

# The progress-report items of the guideline's annex, rated in Progress Report 2: the 5 social-
# dialogue items, then the learning item. (The annex marks the first item with a footnote asterisk
# whose note is not in the document; the asterisk is left out.)
PROGRESS_ITEMS: Final[list[ProgressItemSpec]] = [
    {
        "code": "SD-1",
        "group": "social_dialogue",
        "text": "Freely chosen, representative worker members on the bipartite committee",
    },
    {
        "code": "SD-2",
        "group": "social_dialogue",
        "text": "Sufficient decision-making authority for management representatives on the bipartite committee",
    },
    {
        "code": "SD-3",
        "group": "social_dialogue",
        "text": "Active and effectively functioning bipartite committee",
    },
    {
        "code": "SD-4",
        "group": "social_dialogue",
        "text": "Open communication with trade unions present in the factory; union representatives have an opportunity to join the bipartite committee; and the bipartite committee is not used as an alternative to a trade union",
    },
    {
        "code": "SD-5",
        "group": "social_dialogue",
        "text": "Effective grievance handling procedure and mechanism",
    },
    {
        "code": "LE-1",
        "group": "learning",
        "text": "Needs-based learning plan developed in consultation with elected worker representatives including trade union representatives, if present, and implemented",
    },
]
