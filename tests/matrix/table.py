"""The permission matrix's table: every route of the portal x method -> the expected status of
each persona (tests/matrix/test_permission_matrix.py reads it; the header there says how).

Statuses per persona, in this order: anonymous, pm (BGD), ea (BGD), other_pm (VNM only),
factory_user, other_factory_user, buyer_user (with third-party access), outsider_buyer_user.
"""

from __future__ import annotations

TABLE: dict[str, dict[str, str]] = {
    # api/v1/^approvals/(?P<pk>[^/.]+)/approve/$
    "api-approval-approve": {
        "GET": "401 405 403 405 403 403 403 403",
        "POST": "401 200 403 404 403 403 403 403",
        "PUT": "401 405 403 405 403 403 403 403",
        "DELETE": "401 405 403 405 403 403 403 403",
    },
    # api/v1/^approvals/(?P<pk>[^/.]+)/$
    "api-approval-detail": {
        "GET": "401 200 403 404 403 403 403 403",
        "POST": "401 405 403 405 403 403 403 403",
        "PUT": "401 405 403 405 403 403 403 403",
        "DELETE": "401 405 403 405 403 403 403 403",
    },
    # api/v1/^approvals/$
    "api-approval-list": {
        "GET": "401 200 403 200 403 403 403 403",
        "POST": "401 405 403 405 403 403 403 403",
        "PUT": "401 405 403 405 403 403 403 403",
        "DELETE": "401 405 403 405 403 403 403 403",
    },
    # api/v1/^approvals/(?P<pk>[^/.]+)/reject/$
    "api-approval-reject": {
        "GET": "401 405 403 405 403 403 403 403",
        "POST": "401 400 403 404 403 403 403 403",
        "PUT": "401 405 403 405 403 403 403 403",
        "DELETE": "401 405 403 405 403 403 403 403",
    },
    # api/v1/^assessments/(?P<pk>[^/.]+)/$
    "api-assessment-detail": {
        "GET": "401 200 200 404 404 404 404 404",
        "POST": "401 405 405 405 403 403 403 403",
        "PUT": "401 400 400 404 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^assessments/(?P<pk>[^/.]+)/finalise/$ (the draft answers no question: 400)
    "api-assessment-finalise": {
        "GET": "401 405 405 405 405 405 405 405",
        "POST": "401 400 400 404 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^assessments/(?P<pk>[^/.]+)/findings/(?P<question_code>[^/]+)/remediation/$
    # (the draft: 400, a remediation is recorded on a finalised assessment)
    "api-assessment-remediation": {
        "GET": "401 405 405 405 405 405 405 405",
        "POST": "401 400 400 404 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^assessments/$
    "api-assessment-list": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^buyers/$
    "api-buyer-list": {
        "GET": "401 200 403 403 200 200 403 403",
        "POST": "401 405 403 403 405 405 403 403",
        "PUT": "401 405 403 403 405 405 403 403",
        "DELETE": "401 405 403 403 405 405 403 403",
    },
    # api/v1/catalogue/
    "api-catalogue": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/docs/
    "api-docs": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/^factories/(?P<pk>[^/.]+)/$
    "api-factory-detail": {
        "GET": "401 200 200 404 200 404 200 404",
        "POST": "401 405 405 405 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/factories/<int:pk>/differentiation/
    "api-factory-differentiation": {
        "GET": "401 200 200 404 200 404 200 404",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/factories/<int:pk>/evaluations/
    "api-factory-evaluations": {
        "GET": "401 200 200 404 200 404 200 404",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/^factories/$
    "api-factory-list": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^progress-reports/(?P<pk>[^/.]+)/$
    "api-progress-report-detail": {
        "GET": "401 200 200 404 200 404 200 404",
        "POST": "401 405 405 405 403 403 403 403",
        "PUT": "401 409 409 404 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^progress-reports/(?P<pk>[^/.]+)/finalise/$
    "api-progress-report-finalise": {
        "GET": "401 405 405 405 405 405 405 405",
        "POST": "401 409 409 404 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/^progress-reports/$
    "api-progress-report-list": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 400 400 400 403 403 403 403",
        "PUT": "401 405 405 405 403 403 403 403",
        "DELETE": "401 405 405 405 403 403 403 403",
    },
    # api/v1/
    "api-root": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/schema/
    "api-schema": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/^suppliers/(?P<pk>[^/.]+)/$
    "api-supplier-detail": {
        "GET": "401 403 403 403 403 403 200 404",
        "POST": "401 403 403 403 403 403 405 405",
        "PUT": "401 403 403 403 403 403 405 405",
        "DELETE": "401 403 403 403 403 403 405 405",
    },
    # api/v1/^suppliers/$
    "api-supplier-list": {
        "GET": "401 403 403 403 403 403 200 200",
        "POST": "401 403 403 403 403 403 405 405",
        "PUT": "401 403 403 403 403 403 405 405",
        "DELETE": "401 403 403 403 403 403 405 405",
    },
    # api/v1/factories/<int:factory_id>/third-party-access/
    "api-third-party-access": {
        "GET": "401 200 404 404 200 404 404 404",
        "POST": "401 400 404 404 400 404 404 404",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # api/v1/factories/<int:factory_id>/third-party-access/<int:buyer_id>/
    "api-third-party-access-revoke": {
        "GET": "401 405 405 405 405 405 405 405",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 204 404 404 204 404 404 404",
    },
    # api/v1/auth/token/ (DELETE revokes the token sent with it: a session has none, so 401)
    "api-token": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "400 400 400 400 400 400 400 400",
        "PUT": "405 405 405 405 405 405 405 405",
        "DELETE": "401 401 401 401 401 401 401 401",
    },
    # api/v1/auth/tokens/<slug:token>/ (the token is the pm's: only its owner revokes it)
    "api-token-revoke": {
        "GET": "401 405 405 405 405 405 405 405",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 204 404 404 404 404 404 404",
    },
    # api/v1/auth/tokens/ (each user's own tokens)
    "api-tokens": {
        "GET": "401 200 200 200 200 200 200 200",
        "POST": "401 405 405 405 405 405 405 405",
        "PUT": "401 405 405 405 405 405 405 405",
        "DELETE": "401 405 405 405 405 405 405 405",
    },
    # assessments/<int:pk>/additional/<str:code>/
    "assessments:additional": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 422 422 404 404 404 404 404",
    },
    # assessments/<int:pk>/elements/<str:code>/
    "assessments:element": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 422 422 404 404 404 404 404",
    },
    # assessments/<int:pk>/record/ (the finalised assessment, readable by the factory's users)
    "assessments:record": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/<int:pk>/record.pdf
    "assessments:record_pdf": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/progress-reports/<int:pk>/record/ (the finalised report)
    "assessments:report_record": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/progress-reports/<int:pk>/record.pdf
    "assessments:report_record_pdf": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/<int:pk>/
    "assessments:entry": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/<int:pk>/questions/<str:code>/
    "assessments:finding": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 200 200 404 404 404 404 404",
    },
    # assessments/import/
    "assessments:import": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 400 400 404 404 404 404 404",
    },
    # assessments/import/<int:batch_pk>/apply/
    "assessments:import_apply": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 404 302 404 404 404 404 404",
    },
    # assessments/import/template.csv
    "assessments:import_template_csv": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/import/template.xlsx
    "assessments:import_template_xlsx": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # assessments/<int:pk>/remaining-compliant/
    "assessments:remaining_compliant": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 302 302 404 404 404 404 404",
    },
    # assessments/<int:pk>/findings/<str:code>/remediation/ (the draft: 400)
    "assessments:remediate": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 400 404 404 404 404 404",
    },
    # assessments/progress-reports/<int:pk>/items/<str:code>/
    "assessments:rating": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 409 409 404 404 404 404 404",
    },
    # assessments/<int:pk>/reopen/
    "assessments:reopen": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 404 404 404 404 404 404",
    },
    # assessments/progress-reports/<int:pk>/
    "assessments:report": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 302 302 404 404 404 404 404",
    },
    # assessments/progress-reports/<int:pk>/finalise/
    "assessments:report_finalise": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 400 404 404 404 404 404",
    },
    # assessments/progress-reports/start/<int:factory_pk>/
    "assessments:report_start": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 400 400 404 404 404 404 404",
    },
    # assessments/<int:pk>/review/
    "assessments:review": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 400 400 404 404 404 404 404",
    },
    # assessments/<int:pk>/save/
    "assessments:save": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 302 302 404 404 404 404 404",
    },
    # assessments/start/<int:factory_pk>/
    "assessments:start": {
        "GET": "302 200 200 404 404 404 404 404",
        "POST": "302 400 400 404 404 404 404 404",
    },
    # buyers/access/<int:factory_id>/
    "buyer_portal:access": {
        "GET": "302 200 404 404 200 404 404 404",
        "POST": "302 400 404 404 400 404 404 404",
    },
    # buyers/access/<int:factory_id>/revoke/<int:buyer_id>/
    # (a post without confirmed=yes is the confirmation step: 200, nothing revoked)
    "buyer_portal:access-revoke": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 200 404 404 200 404 404 404",
    },
    # buyers/overviews/<int:pk>/
    "buyer_portal:overview": {
        "GET": "302 404 404 404 404 404 200 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/overviews/produce/
    "buyer_portal:overview-produce": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 404 400 404 404 404 404",
    },
    # buyers/overviews/<int:pk>.xlsx
    "buyer_portal:overview-xlsx": {
        "GET": "302 404 404 404 404 404 200 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/overviews/<int:pk>.pdf
    "buyer_portal:overview-pdf": {
        "GET": "302 404 404 404 404 404 200 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/overviews/
    "buyer_portal:overviews": {
        "GET": "302 200 404 200 404 404 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/suppliers/<int:factory_id>/
    "buyer_portal:supplier": {
        "GET": "302 404 404 404 404 404 200 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/suppliers/
    "buyer_portal:suppliers": {
        "GET": "302 404 404 404 404 404 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/suppliers/export.csv
    "buyer_portal:suppliers-csv": {
        "GET": "302 404 404 404 404 404 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # buyers/suppliers/export.xlsx
    "buyer_portal:suppliers-xlsx": {
        "GET": "302 404 404 404 404 404 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # differentiation/approvals/<int:pk>/approve/
    # (a post without confirmed=yes is the confirmation step: 200, nothing decided)
    "differentiation:approve": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 200 404 404 404 404 404 404",
    },
    # differentiation/notes/<int:pk>/pdf
    "differentiation:note-pdf": {
        "GET": "302 200 200 404 200 404 200 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # differentiation/pipeline/
    "differentiation:pipeline": {
        "GET": "302 200 404 200 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # differentiation/approvals/
    "differentiation:queue": {
        "GET": "302 200 404 200 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # differentiation/approvals/<int:pk>/reject/
    "differentiation:reject": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 404 404 404 404 404 404",
    },
    # differentiation/approvals/<int:pk>/
    "differentiation:request": {
        "GET": "302 200 404 404 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/advisory/
    "factories:advisory": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/benefits/<slug:kind>/
    "factories:benefit_choose": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 403 404 400 404 404 404",
    },
    # factories/<int:pk>/benefits/
    "factories:benefits": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/survey/buyer/
    "factories:buyer_survey": {
        "GET": "302 404 404 404 404 404 200 200",
        "POST": "302 404 404 404 404 404 400 400",
    },
    # factories/<int:pk>/committee/
    "factories:committee": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/road-map/<int:map_pk>/endorse/
    # (a member of the bipartite committee records it; the personas hold no committee seat)
    "factories:endorse": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 403 403 404 403 404 404 404",
    },
    # factories/<int:pk>/improvement-plan/
    "factories:improvement_plan": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/
    "factories:list": {
        "GET": "302 200 200 200 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/committee/meetings/add/
    "factories:meeting_add": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/committee/members/add/
    "factories:member_add": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/committee/members/<int:member_pk>/edit/
    "factories:member_edit": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/committee/members/<int:member_pk>/leave/
    "factories:member_leave": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/advisory/objectives/add/
    "factories:objective_add": {
        "GET": "302 200 200 404 403 404 404 404",
        "POST": "302 400 400 404 403 404 404 404",
    },
    # factories/<int:pk>/improvement-plan/<int:item_pk>/confirm/
    "factories:plan_item_confirm": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 400 404 403 404 404 404",
    },
    # factories/<int:pk>/improvement-plan/<int:item_pk>/edit/
    "factories:plan_item_edit": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/
    "factories:progress": {
        "GET": "302 200 200 404 200 404 200 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/road-map/recommendations/add/
    "factories:recommendation_add": {
        "GET": "302 200 200 404 403 404 404 404",
        "POST": "302 400 400 404 403 404 404 404",
    },
    # factories/<int:pk>/records/
    "factories:records": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/road-map/
    "factories:road_map": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/road-map/start/
    "factories:road_map_create": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/road-map/<int:map_pk>/sign-off/
    "factories:sign_off": {
        "GET": "302 405 405 405 405 405 405 405",
        "POST": "302 403 403 404 400 404 404 404",
    },
    # factories/<int:pk>/survey/
    "factories:survey": {
        "GET": "302 403 403 404 200 404 404 404",
        "POST": "302 403 403 404 400 404 404 404",
    },
    # factories/survey/results/
    "factories:survey_results": {
        "GET": "302 200 404 200 404 404 404 404",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # factories/<int:pk>/road-map/<int:map_pk>/targets/add/
    "factories:target_add": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/road-map/targets/<int:target_pk>/edit/
    "factories:target_edit": {
        "GET": "302 200 200 404 200 404 404 404",
        "POST": "302 400 400 404 400 404 404 404",
    },
    # factories/<int:pk>/advisory/trainings/add/
    "factories:training_add": {
        "GET": "302 200 200 404 403 404 404 404",
        "POST": "302 400 400 404 403 404 404 404",
    },
    # factories/<int:pk>/advisory/visits/add/
    "factories:visit_add": {
        "GET": "302 200 200 404 403 404 404 404",
        "POST": "302 400 400 404 403 404 404 404",
    },
    # favicon.ico
    "favicon": {
        "GET": "301 301 301 301 301 301 301 301",
        "POST": "301 301 301 301 301 301 301 301",
    },
    # health/
    "health": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "405 405 405 405 405 405 405 405",
    },
    # help/ (the signed-in user's own page: a redirect to it)
    "help": {
        "GET": "302 302 302 302 302 302 302 302",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # help/buyer/ (any signed-in user reads any role's help)
    "help-buyer": {
        "GET": "302 200 200 200 200 200 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # help/enterprise-advisor/ (any signed-in user reads any role's help)
    "help-enterprise-advisor": {
        "GET": "302 200 200 200 200 200 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # help/factory/ (any signed-in user reads any role's help)
    "help-factory": {
        "GET": "302 200 200 200 200 200 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # help/programme-manager/ (any signed-in user reads any role's help)
    "help-programme-manager": {
        "GET": "302 200 200 200 200 200 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # /
    "home": {
        "GET": "302 200 200 200 200 200 200 200",
        "POST": "302 405 405 405 405 405 405 405",
    },
    # i18n/setlang/ (Django's set_language: anyone may choose a language)
    "set_language": {
        "GET": "302 302 302 302 302 302 302 302",
        "POST": "302 302 302 302 302 302 302 302",
    },
    # accounts/login/
    "login": {
        "GET": "200 302 302 302 302 302 302 302",
        "POST": "200 302 302 302 302 302 302 302",
    },
    # accounts/logout/
    "logout": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "302 302 302 302 302 302 302 302",
    },
}
