from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def member_home(request):
    representations = request.user.representations.select_related("member")
    return render(
        request,
        "members/member_home.html",
        {"members": [r.member for r in representations]},
    )
